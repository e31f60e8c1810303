namespace Platform.Analytics.Data;

/// <summary>A task entered a state category (from none, when it was created in it): the cumulative flow's raw data.</summary>
public sealed class FlowTransition
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public Guid TaskId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? FromCategory { get; set; }

    public string ToCategory { get; set; } = "";
}
