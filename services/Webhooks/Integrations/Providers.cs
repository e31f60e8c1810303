namespace Platform.Webhooks.Integrations;

/// <summary>The senders an organization can connect, and how each signs what it sends.</summary>
public static class Providers
{
    /// <summary>X-Hub-Signature-256 (HMAC-SHA256 of the body), delivery id in X-GitHub-Delivery.</summary>
    public const string GitHub = "github";

    /// <summary>The secret token in X-Gitlab-Token, delivery id in Idempotency-Key.</summary>
    public const string GitLab = "gitlab";

    /// <summary>Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature).</summary>
    public const string Generic = "generic";

    public static readonly string[] All = [GitHub, GitLab, Generic];

    /// <summary>A new shared secret in the form the provider's settings page takes.</summary>
    public static string NewSecret(string provider) => provider == Generic
        ? Signatures.StandardWebhooks.NewSecret()
        : Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
