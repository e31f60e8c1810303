namespace Platform.Analytics.Data;

/// <summary>The successor waits on the predecessor: the chains three-point forecasts and risks follow.</summary>
public sealed class FlowDependency
{
    public Guid PredecessorId { get; set; }

    public Guid SuccessorId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>finish-to-start, start-to-start, finish-to-finish or start-to-finish.</summary>
    public string Type { get; set; } = "";

    public double LagDays { get; set; }
}
