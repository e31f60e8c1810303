namespace Platform.Notifications.Data;

/// <summary>
/// A chat (Slack or Teams) a person connected in the integrations service, as it announced it: their notifications can
/// be posted there (the integrations service keeps its address and posts them).
/// </summary>
public sealed class ConnectedChat
{
    public Guid OrganizationId { get; set; }

    public Guid ChatId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>slack or teams.</summary>
    public required string Format { get; set; }
}
