namespace Platform.Webhooks;

public static class WebhooksPolicies
{
    /// <summary>Connecting senders and reading what they sent is administration of the organization (org:admin), never implied by another scope.</summary>
    public const string Administer = PlatformScopes.OrganizationAdmin;

    /// <summary>A member's own chats are theirs: a user (a machine client has none) reading them with projects:read, changing them with projects:write.</summary>
    public const string ReadOwnChats = "own-chats-read";
    public const string ChangeOwnChats = "own-chats-write";
}
