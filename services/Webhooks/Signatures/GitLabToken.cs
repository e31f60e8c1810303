using System.Security.Cryptography;
using System.Text;

namespace Platform.Webhooks.Signatures;

/// <summary>GitLab sends the webhook's secret token itself in <c>X-Gitlab-Token</c>; it is compared in constant time.</summary>
public static class GitLabToken
{
    public const string Header = "X-Gitlab-Token";

    public static bool Verify(string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(header)));
}
