using Platform.Analytics.Data;
using Platform.Analytics.Forecasting;

namespace Platform.Analytics.Flow;

public sealed record WeekFlow(DateOnly Start, int Done, int Arrived);

/// <summary>Percentiles in days over <see cref="Count"/> finished tasks.</summary>
public sealed record DayPercentiles(int Count, double P50, double P85, double P95);

/// <summary>
/// A task being worked on, with how long since it started; aging when older than the project's 85th-percentile cycle
/// time, and at least a day (work that usually closes the day it starts does not age by the hour).
/// </summary>
public sealed record WipItem(string Key, string Title, double AgeDays, bool Aging);

public sealed record CumulativeFlowPoint(DateOnly Date, int Backlog, int Todo, int InProgress, int Done, int Cancelled);

public sealed record FlowMetricsView(
    string Project,
    DateOnly From,
    DateOnly Until,
    IReadOnlyList<WeekFlow> Weeks,
    DayPercentiles? CycleTimeDays,
    DayPercentiles? LeadTimeDays,
    IReadOnlyList<WipItem> WorkInProgress,
    IReadOnlyList<CumulativeFlowPoint> CumulativeFlow);

/// <summary>
/// A project's flow over its last weeks, from its tasks' flow records: throughput and arrivals per week (departures
/// against scope growth), cycle time (started to done) and lead time (created to done) of the work finished in those
/// weeks, the work in progress with its age, and the cumulative flow at each week's end.
/// </summary>
public static class FlowMetrics
{
    public static FlowMetricsView Of(string project, IReadOnlyList<FlowTask> tasks, IReadOnlyList<FlowTransition> transitions, DateTimeOffset now, int weeks)
    {
        var until = Day(now).AddDays(1);
        var history = History(tasks, until, weeks);
        var from = until.AddDays(-7 * history.Weeks);
        var finished = FinishedSince(tasks, from);
        var cycle = Percentiles(finished.Select(t => (t.DoneAt!.Value - t.StartedAt!.Value).TotalDays));
        var lead = Percentiles(finished.Select(t => (t.DoneAt!.Value - t.CreatedAt).TotalDays));
        var wip = tasks.Where(t => t.Category == StateCategories.InProgress && t.StartedAt is not null)
            .OrderBy(t => t.StartedAt)
            .Select(t => InProgress(t, now, cycle)).ToList();
        var weekly = history.Done.Select((done, week) => new WeekFlow(from.AddDays(7 * week), done, history.Arrived[week])).ToList();
        return new FlowMetricsView(project, from, until, weekly, cycle, lead, wip, CumulativeFlow(tasks, transitions, from, history.Weeks));
    }

    /// <summary>
    /// Finished and created tasks per week before <paramref name="until"/>, over the weeks that hold any day since the
    /// first task was created (a project of ten days has two weeks: the current one and one partly before it).
    /// </summary>
    public static ThroughputHistory History(IReadOnlyList<FlowTask> tasks, DateOnly until, int weeks)
    {
        var first = tasks.Count == 0 ? until : tasks.Min(t => Day(t.CreatedAt));
        var since = until.AddDays(-7 * (int)Math.Ceiling((until.DayNumber - first.DayNumber) / 7.0));
        return ThroughputHistory.Of(tasks.Where(t => t.DoneAt is not null).Select(t => Day(t.DoneAt!.Value)), tasks.Select(t => Day(t.CreatedAt)), since, until, weeks);
    }

    /// <summary>Cycle time percentiles of the work finished in the last <paramref name="weeks"/> (what <see cref="Of"/> reports).</summary>
    public static DayPercentiles? CycleTime(IReadOnlyList<FlowTask> tasks, DateTimeOffset now, int weeks)
    {
        var until = Day(now).AddDays(1);
        var from = until.AddDays(-7 * History(tasks, until, weeks).Weeks);
        return Percentiles(FinishedSince(tasks, from).Select(t => (t.DoneAt!.Value - t.StartedAt!.Value).TotalDays));
    }

    private static List<FlowTask> FinishedSince(IReadOnlyList<FlowTask> tasks, DateOnly from) =>
        tasks.Where(t => t.DoneAt is { } done && Day(done) >= from).ToList();

    private static WipItem InProgress(FlowTask task, DateTimeOffset now, DayPercentiles? cycle)
    {
        var age = (now - task.StartedAt!.Value).TotalDays;
        return new WipItem(task.Key, task.Title, Math.Round(age, 1), cycle is not null && age > Math.Max(cycle.P85, 1));
    }

    public static DateOnly Day(DateTimeOffset moment) => DateOnly.FromDateTime(moment.UtcDateTime);

    private static DayPercentiles? Percentiles(IEnumerable<double> days)
    {
        var sorted = days.Order().ToArray();
        return sorted.Length == 0 ? null : new DayPercentiles(sorted.Length,
            Math.Round(MonteCarloForecast.Percentile(sorted, 0.50), 1), Math.Round(MonteCarloForecast.Percentile(sorted, 0.85), 1),
            Math.Round(MonteCarloForecast.Percentile(sorted, 0.95), 1));
    }

    /// <summary>At the end of each week, how many of the tasks then existing were in each category.</summary>
    private static List<CumulativeFlowPoint> CumulativeFlow(IReadOnlyList<FlowTask> tasks, IReadOnlyList<FlowTransition> transitions, DateOnly from, int weeks)
    {
        var shown = tasks.Select(t => t.Id).ToHashSet();
        var byTask = transitions.Where(t => shown.Contains(t.TaskId)).GroupBy(t => t.TaskId).Select(g => g.OrderBy(t => t.At).ToList()).ToList();
        var points = new List<CumulativeFlowPoint>(weeks);
        for (var week = 1; week <= weeks; week++)
        {
            var end = new DateTimeOffset(from.AddDays(7 * week).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var counts = new Dictionary<string, int>();
            foreach (var entries in byTask)
            {
                if (entries.LastOrDefault(t => t.At < end) is { } last)
                {
                    counts[last.ToCategory] = counts.GetValueOrDefault(last.ToCategory) + 1;
                }
            }
            points.Add(new CumulativeFlowPoint(DateOnly.FromDateTime(end.UtcDateTime).AddDays(-1),
                counts.GetValueOrDefault(StateCategories.Backlog), counts.GetValueOrDefault(StateCategories.Todo),
                counts.GetValueOrDefault(StateCategories.InProgress), counts.GetValueOrDefault(StateCategories.Done),
                counts.GetValueOrDefault(StateCategories.Cancelled)));
        }
        return points;
    }
}
