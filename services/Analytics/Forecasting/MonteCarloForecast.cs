namespace Platform.Analytics.Forecasting;

/// <summary>How a forecast is run: trials, the seed that makes it reproducible, and whether new work keeps arriving.</summary>
public sealed record ForecastOptions(int Trials = 10_000, int Seed = 1, bool ScopeGrowth = false, int HorizonWeeks = 520);

/// <summary>
/// When the remaining work is done, in weeks from now: half the trials finished by <see cref="P50"/>, 85 % by
/// <see cref="P85"/>, 95 % by <see cref="P95"/>. <see cref="FinishedShare"/> is the share of trials that finished within
/// the horizon at all (below 1 when work arrives as fast as it is done). <see cref="FinishedPerWeek"/> counts the
/// trials that finished in each week from now: the forecast's histogram.
/// </summary>
public sealed record WhenForecast(double P50, double P85, double P95, double FinishedShare, int[] FinishedPerWeek);

/// <summary>How many tasks are done within a time: at least <see cref="P50"/> in half the trials, <see cref="P85"/> in 85 %, <see cref="P95"/> in 95 %.</summary>
public sealed record HowManyForecast(int P50, int P85, int P95);

/// <summary>
/// Monte Carlo forecasts on sampled weekly throughput: each trial draws weeks of the team's own history at random until
/// the work is done (or counts what a number of drawn weeks finishes). The same seed gives the same forecast.
/// </summary>
public static class MonteCarloForecast
{
    /// <summary>
    /// When <paramref name="remaining"/> tasks are done. With scope growth, each drawn week also adds the tasks that
    /// arrived in that same week of history, so the work grows at its historical rate (and with its correlation to
    /// the week's throughput). A trial that does not finish within the horizon counts as finishing at it.
    /// </summary>
    public static WhenForecast When(ThroughputHistory history, int remaining, ForecastOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        RequireHistory(history);
        var random = new Random(options.Seed);
        var weeks = new double[options.Trials];
        var finished = 0;
        for (var trial = 0; trial < options.Trials; trial++)
        {
            double left = remaining;
            var week = 0;
            while (left > 0 && week < options.HorizonWeeks)
            {
                var drawn = random.Next(history.Weeks);
                if (options.ScopeGrowth)
                {
                    left += history.Arrived[drawn];
                }
                var done = history.Done[drawn];
                if (done >= left)
                {
                    // The work ends part of the way into this week.
                    weeks[trial] = week + left / done;
                    left = 0;
                    break;
                }
                left -= done;
                week++;
            }
            if (left > 0)
            {
                weeks[trial] = options.HorizonWeeks;
            }
            else
            {
                finished++;
            }
        }
        Array.Sort(weeks);
        // A trial that ends at 4.0 weeks ends in the fourth week (index 3).
        static int WeekOf(double weeks) => Math.Max(0, (int)Math.Ceiling(weeks) - 1);
        var perWeek = new int[finished == 0 ? 0 : WeekOf(weeks[finished - 1]) + 1];
        foreach (var week in weeks.AsSpan(0, finished))
        {
            perWeek[WeekOf(week)]++;
        }
        return new WhenForecast(Percentile(weeks, 0.50), Percentile(weeks, 0.85), Percentile(weeks, 0.95), finished / (double)options.Trials, perWeek);
    }

    /// <summary>How many tasks are done in <paramref name="weeks"/> (a part week counts its share of a drawn week).</summary>
    public static HowManyForecast HowMany(ThroughputHistory history, double weeks, ForecastOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        RequireHistory(history);
        var random = new Random(options.Seed);
        var counts = new double[options.Trials];
        var whole = (int)Math.Floor(weeks);
        var part = weeks - whole;
        for (var trial = 0; trial < options.Trials; trial++)
        {
            double done = 0;
            for (var week = 0; week < whole; week++)
            {
                done += history.Done[random.Next(history.Weeks)];
            }
            if (part > 0)
            {
                done += part * history.Done[random.Next(history.Weeks)];
            }
            counts[trial] = Math.Floor(done);
        }
        Array.Sort(counts);
        // "85 % likely" is the count that 85 % of the trials reach or pass: the 15th percentile from the bottom.
        return new HowManyForecast((int)Percentile(counts, 0.50), (int)Percentile(counts, 0.15), (int)Percentile(counts, 0.05));
    }

    /// <summary>The value at or below which <paramref name="share"/> of the sorted values lie (nearest rank).</summary>
    internal static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void RequireHistory(ThroughputHistory history)
    {
        if (history.Weeks == 0 || history.DoneTasks == 0)
        {
            throw new ArgumentException("A forecast samples finished work: the history has none.", nameof(history));
        }
    }
}
