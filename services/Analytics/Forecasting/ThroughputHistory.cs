namespace Platform.Analytics.Forecasting;

/// <summary>
/// A team's recent flow, week by week: how many tasks it finished and how many arrived. The forecasts sample these weeks,
/// so they carry the team's own variation (quiet weeks, holidays, bursts) instead of an average.
/// </summary>
public sealed class ThroughputHistory
{
    /// <summary>Below this many finished tasks or weeks, sampled history says little (the forecast says so and falls back).</summary>
    public const int EnoughDoneTasks = 20;

    public const int EnoughWeeks = 6;

    private ThroughputHistory(int[] done, int[] arrived) => (Done, Arrived) = (done, arrived);

    /// <summary>Tasks finished in each week, oldest first.</summary>
    public IReadOnlyList<int> Done { get; }

    /// <summary>Tasks created in each week, oldest first (the same weeks).</summary>
    public IReadOnlyList<int> Arrived { get; }

    public int Weeks => Done.Count;

    public int DoneTasks => Done.Sum();

    /// <summary>True when there are at least <see cref="EnoughDoneTasks"/> finished tasks over at least <see cref="EnoughWeeks"/> weeks.</summary>
    public bool IsEnough => DoneTasks >= EnoughDoneTasks && Weeks >= EnoughWeeks;

    /// <summary>
    /// The weeks before <paramref name="until"/> (exclusive), at most <paramref name="weeks"/> of them and none before
    /// <paramref name="since"/>: each week counts the finish dates and creation dates that fall in it.
    /// </summary>
    public static ThroughputHistory Of(IEnumerable<DateOnly> finished, IEnumerable<DateOnly> created, DateOnly since, DateOnly until, int weeks)
    {
        var count = Math.Max(0, Math.Min(weeks, (until.DayNumber - since.DayNumber) / 7));
        var first = until.AddDays(-7 * count);
        return new ThroughputHistory(PerWeek(finished, first, count), PerWeek(created, first, count));
    }

    /// <summary>A history given week by week (tests, and a projection that already counts weeks).</summary>
    public static ThroughputHistory FromWeeks(IReadOnlyList<int> done, IReadOnlyList<int> arrived)
    {
        if (done.Count != arrived.Count)
        {
            throw new ArgumentException("Done and arrived count the same weeks.", nameof(arrived));
        }
        return new ThroughputHistory([.. done], [.. arrived]);
    }

    private static int[] PerWeek(IEnumerable<DateOnly> dates, DateOnly first, int weeks)
    {
        var counts = new int[weeks];
        foreach (var date in dates)
        {
            var week = (date.DayNumber - first.DayNumber) / 7;
            if (date >= first && week < weeks)
            {
                counts[week]++;
            }
        }
        return counts;
    }
}
