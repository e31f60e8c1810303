namespace Platform.Contracts;

/// <summary>
/// A task's risk level changed (none, low, medium, high), with its score (0–100) and its reasons in words, most
/// weighty first: what the notifications service tells the people concerned.
/// </summary>
[IntegrationEvent("risks", "platform.risk.changed", 1)]
public sealed record RiskChanged(Guid TaskId, Guid ProjectId, string Key, string FromLevel, string ToLevel, int Score, string[] Reasons) : IntegrationEvent
{
    public override string Subject => TaskId.ToString();
}
