namespace Platform.Webhooks;

public static class WebhooksPolicies
{
    /// <summary>Connecting senders and reading what they sent is administration of the organization (org:admin), never implied by another scope.</summary>
    public const string Administer = PlatformScopes.OrganizationAdmin;
}
