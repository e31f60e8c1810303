namespace Platform.Contracts;

/// <summary>A project's metadata changed (name, description, archive flag, calendar) or the project was deleted.</summary>
[IntegrationEvent("projects", "platform.project.changed", 1)]
public sealed record ProjectChanged(Guid ProjectId, string Key, bool Deleted) : IntegrationEvent
{
    /// <summary>The days of the week work happens on (its working calendar); empty on deletion.</summary>
    public IReadOnlyList<DayOfWeek> WorkingDays { get; init; } = [];

    /// <summary>Days off on the working calendar.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public override string Subject => ProjectId.ToString();
}
