namespace Platform.Contracts;

/// <summary>An automation rule ran on a task; outcome is succeeded or failed (skipped runs are only logged).</summary>
[IntegrationEvent("automation", "platform.rule.fired", 1)]
public sealed record RuleFired(Guid RuleId, string RuleName, Guid TaskId, string Key, string Outcome, string Detail) : IntegrationEvent
{
    public override string Subject => TaskId.ToString();
}

/// <summary>Someone should be told something about a task (the notifications service delivers it).</summary>
[IntegrationEvent("notifications", "platform.notification.requested", 1)]
public sealed record NotificationRequested(Guid TaskId, string Key, string[] Recipients, string Message, string Source) : IntegrationEvent
{
    public override string Subject => TaskId.ToString();
}
