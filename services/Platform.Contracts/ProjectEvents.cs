namespace Platform.Contracts;

/// <summary>A project's metadata changed (name, description, archive flag, calendar) or the project was deleted.</summary>
[IntegrationEvent("projects", "platform.project.changed", 1)]
public sealed record ProjectChanged(Guid ProjectId, string Key, bool Deleted) : IntegrationEvent
{
    public override string Subject => ProjectId.ToString();
}
