using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Files.Downloads;

/// <summary>
/// Short-lived download links: the organization, file, variant and expiry, signed with HMAC-SHA256 under
/// <c>Files:LinkKey</c>. A link is what lets a browser show an image or fetch a file without its token (an &lt;img&gt;
/// cannot send one); it names one variant of one file, and stops working at its expiry.
/// </summary>
public sealed class SignedLinks(IOptions<FilesOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(
        options.Value.LinkKey ?? throw new InvalidOperationException("Files:LinkKey signs download links; set it (the AppHost's files-link-key).")));

    public sealed record Link(string Path, DateTimeOffset ExpiresAt);

    /// <summary>The link's path under the service (<c>/blobs/…</c>); the caller puts the gateway's prefix before it.</summary>
    public Link Create(Guid organizationId, Guid fileId, string variant)
    {
        var expires = clock.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        return new Link(
            $"/blobs/{organizationId:N}/{fileId:N}/{variant}?expires={expires}&signature={Signature(organizationId, fileId, variant, expires)}",
            DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    public LinkCheck Check(Guid organizationId, Guid fileId, string variant, long expires, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Signature(organizationId, fileId, variant, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return LinkCheck.Forged;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expires ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private string Signature(Guid organizationId, Guid fileId, string variant, long expires) => Base64Url(HMACSHA256.HashData(_key,
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{organizationId:N}/{fileId:N}/{variant}/{expires}"))));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum LinkCheck
{
    Valid,
    Forged,
    Expired,
}
