namespace Platform.Analytics.Forecasting;

/// <summary>The weeks the forecast sampled: tasks finished in each, oldest first.</summary>
public sealed record HistoryView(int Weeks, int DoneTasks, bool IsEnough, IReadOnlyList<int> DonePerWeek);

/// <summary>Done on or before P50 in half the trials, P85 in 85 % of them, P95 in 95 %.</summary>
public sealed record ForecastDates(DateOnly P50, DateOnly P85, DateOnly P95);

/// <summary>At least P50 tasks done in half the trials, at least P85 in 85 %, at least P95 in 95 % (so P95 is the smallest).</summary>
public sealed record ForecastCounts(int P50, int P85, int P95);

/// <summary>The share of the trials that finished in the week ending on <see cref="WeekEnding"/>.</summary>
public sealed record ForecastWeek(DateOnly WeekEnding, double Share);

/// <summary>
/// A forecast with what it rests on: the method (monteCarlo: the team's sampled throughput; threePoint: PERT on the
/// tasks' own estimates along the critical path, when history is too short), the open work it covers, the history
/// it sampled, the histogram of the trials' finishing weeks (Monte Carlo only), and notes that say what to keep in mind. A "when" forecast has an id: it is kept, and its outcome
/// counts towards the project's calibration once the work is done.
/// </summary>
public sealed record ForecastView(
    Guid? Id,
    string Project,
    string Kind,
    string Method,
    DateTimeOffset MadeAt,
    int Remaining,
    HistoryView History,
    ForecastDates? Dates,
    ForecastCounts? Counts,
    double? FinishedShare,
    IReadOnlyList<ForecastWeek> Histogram,
    string Explanation,
    IReadOnlyList<string> Notes);
