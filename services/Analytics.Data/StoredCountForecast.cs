namespace Platform.Analytics.Data;

/// <summary>
/// A "how many tasks are done by this day" forecast as it was made, with its inputs and the tasks it counts (the
/// filter): once the day has passed, the tasks of the filter done from the moment it was made to the end of that day
/// are the outcome its counts are checked against (at least P85 of them in 85 % of such forecasts, when calibrated).
/// </summary>
public sealed class StoredCountForecast
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public DateTimeOffset MadeAt { get; set; }

    /// <summary>The request as JSON: filter, trials, seed, history weeks, the day.</summary>
    public string Inputs { get; set; } = "";

    public string? Label { get; set; }

    public Guid? Assignee { get; set; }

    public string? Parent { get; set; }

    /// <summary>The day counted to, inclusive.</summary>
    public DateOnly By { get; set; }

    public int P50 { get; set; }

    public int P85 { get; set; }

    public int P95 { get; set; }
}
