namespace Platform.Contracts;

/// <summary>
/// Notices that are not integration events: a service sends one on a Redis channel once it has committed a change that
/// open pages show live. Nobody replays a notice nobody heard; a page reads the current state when it opens.
/// </summary>
public static class LiveNotices
{
    /// <summary>The AI service appended to an organization's activity feed; the message is the organization's id.</summary>
    public const string ActivityAppended = "platform:activity:appended";

    /// <summary>
    /// A person's inbox changed (a notification arrived, was read, archived or snoozed); the message is
    /// <c>{organizationId}/{userId}</c>. The web client updates that person's open pages (unread count, inbox).
    /// </summary>
    public const string InboxChanged = "platform:inbox:changed";
}
