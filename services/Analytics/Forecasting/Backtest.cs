namespace Platform.Analytics.Forecasting;

/// <summary>A task of a project's history: the day it was created and the day it was finished.</summary>
public sealed record FinishedTask(DateOnly Created, DateOnly Finished);

/// <summary>
/// How a back-test cuts a history: forecasts at every <see cref="StepWeeks"/> weeks, each on the
/// <see cref="HistoryWeeks"/> weeks before its cut-off; outcomes count only up to <see cref="DataEnd"/>, after which the
/// history is incomplete.
/// </summary>
public sealed record BacktestSettings(DateOnly DataEnd, int HistoryWeeks = 13, int StepWeeks = 4, ForecastOptions? Forecast = null);

/// <summary>One cut-off: the tasks open then, when that many tasks had really been finished after it, and the forecast's dates.</summary>
public sealed record BacktestCase(DateOnly CutOff, int Open, DateOnly Actual, DateOnly P50, DateOnly P85, DateOnly P95)
{
    public int P50ErrorDays => Math.Abs(P50.DayNumber - Actual.DayNumber);
}

/// <summary>The cut-offs of a back-test and how the forecasts fared: the P50's mean error in days, and how often P85 and P95 held.</summary>
public sealed record BacktestResult(IReadOnlyList<BacktestCase> Cases)
{
    public double MeanAbsoluteErrorDays => Cases.Count == 0 ? 0 : Cases.Average(c => c.P50ErrorDays);

    public double P85HitRate => Cases.Count == 0 ? 0 : Cases.Count(c => c.Actual <= c.P85) / (double)Cases.Count;

    public double P95HitRate => Cases.Count == 0 ? 0 : Cases.Count(c => c.Actual <= c.P95) / (double)Cases.Count;
}

/// <summary>
/// Replays a project's history: at each cut-off, the forecast sees only the weeks before it and answers "when will as
/// many tasks as are open now be done?"; the answer is then compared with the day the team really had finished that
/// many tasks after the cut-off. (Which tasks a team finishes is its own choice; the forecast is of its throughput, so
/// the outcome is the count, not those particular tasks: a few of them stay open for years.)
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(IReadOnlyList<FinishedTask> tasks, BacktestSettings settings)
    {
        var options = settings.Forecast ?? new ForecastOptions();
        var finishes = tasks.Select(t => t.Finished).Order().ToArray();
        var creations = tasks.Select(t => t.Created).ToArray();
        var cases = new List<BacktestCase>();
        if (finishes.Length == 0)
        {
            return new BacktestResult(cases);
        }
        var since = finishes[0];
        for (var cut = since.AddDays(7 * settings.HistoryWeeks); cut <= settings.DataEnd; cut = cut.AddDays(7 * settings.StepWeeks))
        {
            var history = ThroughputHistory.Of(finishes, creations, since, cut, settings.HistoryWeeks);
            var open = tasks.Count(t => t.Created < cut && t.Finished >= cut);
            if (!history.IsEnough || open == 0)
            {
                continue;
            }
            var last = FirstOnOrAfter(finishes, cut) + open - 1;
            if (last >= finishes.Length || finishes[last] > settings.DataEnd)
            {
                continue; // the outcome lies beyond the data
            }
            var forecast = MonteCarloForecast.When(history, open, options);
            cases.Add(new BacktestCase(cut, open, finishes[last], DateAfter(cut, forecast.P50), DateAfter(cut, forecast.P85), DateAfter(cut, forecast.P95)));
        }
        return new BacktestResult(cases);
    }

    /// <summary>The day on which work that takes <paramref name="weeks"/> from the start of <paramref name="start"/> ends.</summary>
    public static DateOnly DateAfter(DateOnly start, double weeks) => start.AddDays(Math.Max(0, (int)Math.Ceiling(weeks * 7) - 1));

    /// <summary>The index of the first date on or after <paramref name="date"/> in <paramref name="sorted"/> (its length when none is).</summary>
    private static int FirstOnOrAfter(DateOnly[] sorted, DateOnly date)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] < date ? (middle + 1, high) : (low, middle);
        }
        return low;
    }
}
