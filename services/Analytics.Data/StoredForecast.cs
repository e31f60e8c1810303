namespace Platform.Analytics.Data;

/// <summary>
/// A "when will this work be done" forecast as it was made, with its inputs and the tasks it covered: once they are all
/// done or cancelled, the day the last one closed is the outcome its percentiles are checked against (calibration).
/// </summary>
public sealed class StoredForecast
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public DateTimeOffset MadeAt { get; set; }

    /// <summary>monteCarlo (sampled throughput) or threePoint (PERT along the critical path).</summary>
    public string Method { get; set; } = "";

    /// <summary>The request as JSON: filter, trials, seed, scope growth, history weeks.</summary>
    public string Inputs { get; set; } = "";

    public Guid[] TaskIds { get; set; } = [];

    public DateOnly P50 { get; set; }

    public DateOnly P85 { get; set; }

    public DateOnly P95 { get; set; }
}
