using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Platform.Files.Storage;

/// <summary>
/// An S3-compatible store. Bodies are sent whole with their length and a signed payload hash, not in the SDK's default
/// aws-chunked framing with trailing checksums, which several S3-compatible stores do not decode (they would keep the
/// framing as the object's bytes); checksums are sent and checked only where the API requires them, for the same reason.
/// </summary>
public sealed class S3FileStore(FileStoreOptions options) : IFileStore, IDisposable
{
    private readonly string _bucket = options.Bucket ?? throw new InvalidOperationException("Files:Storage:Bucket names the S3 bucket.");
    private readonly AmazonS3Client _client = Create(options);

    private static AmazonS3Client Create(FileStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken) =>
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            UseChunkEncoding = false,
            Headers = { ContentLength = length },
        }, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken);

    public void Dispose() => _client.Dispose();
}
