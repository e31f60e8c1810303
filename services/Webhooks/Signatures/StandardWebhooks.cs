using System.Security.Cryptography;
using System.Text;

namespace Platform.Webhooks.Signatures;

/// <summary>
/// Standard Webhooks (standardwebhooks.com): the secret is <c>whsec_</c> and base64 key bytes; a message is signed as
/// <c>v1,</c> and the base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>; <c>webhook-signature</c> may
/// carry several space-separated signatures (during a key rotation), any one of which verifies; the timestamp (Unix
/// seconds) must be within five minutes of now, so an old message cannot be replayed.
/// </summary>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Hash(Key(secret), id, timestamp, body));

    public static StandardWebhooksCheck Verify(string secret, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || signatures is null
            || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return StandardWebhooksCheck.Missing;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return StandardWebhooksCheck.Stale;
        }

        var expected = Hash(Key(secret), id, seconds, body);
        Span<byte> claimed = stackalloc byte[64];
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (signature.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(signature[3..], claimed, out var written)
                && CryptographicOperations.FixedTimeEquals(expected, claimed[..written]))
            {
                return StandardWebhooksCheck.Valid;
            }
        }

        return StandardWebhooksCheck.Invalid;
    }

    private static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    private static byte[] Hash(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}.{timestamp}."));
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }
}

public enum StandardWebhooksCheck
{
    Valid,
    Missing,
    Invalid,
    Stale,
}
