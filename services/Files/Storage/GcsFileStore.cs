using System.Net;
using Google;
using Google.Cloud.Storage.V1;

namespace Platform.Files.Storage;

/// <summary>
/// Google Cloud Storage through its own API, signed in as the workload (on GKE, the Kubernetes service account bound to a
/// Google service account by Workload Identity: no key in the cluster).
/// </summary>
public sealed class GcsFileStore(FileStoreOptions options) : IFileStore
{
    private readonly string _bucket = options.Bucket ?? throw new InvalidOperationException("Files:Storage:Bucket names the Cloud Storage bucket.");
    private readonly Lazy<Task<StorageClient>> _client = new(() => StorageClient.CreateAsync());

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        await client.UploadObjectAsync(_bucket, key, contentType, content, cancellationToken: cancellationToken);
    }

    /// <summary>Downloaded into a temporary file that goes when the stream is closed (the client writes into a stream, it does not hand one out).</summary>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await client.DownloadObjectAsync(_bucket, key, file, cancellationToken: cancellationToken);
            file.Position = 0;
            return file;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            await file.DisposeAsync();
            return null;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        try
        {
            await client.DeleteObjectAsync(_bucket, key, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
