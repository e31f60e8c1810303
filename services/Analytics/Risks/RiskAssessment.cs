using System.Globalization;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Forecasting;
using Platform.Scheduling;

namespace Platform.Analytics.Risks;

/// <summary>
/// Judges a project's open tasks and the project itself, reason by reason, each written so a person knows what to do
/// about it: overdue or due before it will likely be done, on the critical path or nearly, waiting on late work, in
/// progress for longer than most work takes, nobody assigned as it starts; for the project, work arriving faster than
/// it is done and a forecast that lands after the last due date. The score adds the reasons' points (at most 100).
/// </summary>
public static class RiskAssessment
{
    /// <summary>Tasks that start or are due this soon count as "near" for want of an assignee.</summary>
    private const int SoonDays = 3;
    private const double LittleFloatDays = 2;
    private const int ScopeWeeks = 4;
    private const double Z85 = 1.0364333894937898;

    /// <summary>The weeks of the record the assessment reads: throughput and cycle time (scope growth reads fewer).</summary>
    public const int HistoryWeeks = 13;

    public static ProjectRiskView Assess(FlowProject project, IReadOnlyList<FlowTask> tasks, IReadOnlyList<FlowDependency> dependencies, DateTimeOffset now)
    {
        var today = FlowMetrics.Day(now);
        var cycleP85 = FlowMetrics.CycleTime(tasks, now, HistoryWeeks)?.P85;
        var open = tasks.Where(t => !StateCategories.IsClosed(t.Category)).ToList();
        var byId = open.ToDictionary(t => t.Id);
        var waitsOn = dependencies.ToLookup(d => d.SuccessorId);
        var schedule = Schedule(open, dependencies, ProjectCalendars.From(project, today));
        var assessed = new List<TaskRiskView>();
        foreach (var task in open)
        {
            var reasons = new List<RiskReason>();
            var likelyDone = schedule.TryGetValue(task.Id, out var times) ? times.LikelyDone
                : cycleP85 is { } p85 ? FlowMetrics.Day((task.StartedAt ?? now).AddDays(p85)) : (DateOnly?)null;
            if (task.DueDate is { } due)
            {
                if (due < today)
                {
                    reasons.Add(new("overdue", $"Overdue: it was due on {Day(due)}.", 40));
                }
                else if (likelyDone is { } done && done > due)
                {
                    reasons.Add(new("due-before-forecast", $"Due on {Day(due)}, but likely done only by {Day(done)} (P85).", 30));
                }
            }
            if (times is { } scheduled && schedule.Count > 1)
            {
                if (scheduled.Float <= CriticalPath.Tolerance)
                {
                    reasons.Add(new("critical", "On the critical path: any slip moves the project's finish.", 20));
                }
                else if (scheduled.Float < LittleFloatDays)
                {
                    reasons.Add(new("little-float", string.Create(CultureInfo.InvariantCulture,
                        $"Little float: {scheduled.Float:0.#} working days before a slip moves the project's finish."), 10));
                }
            }
            foreach (var dependency in waitsOn[task.Id].Where(d => byId.ContainsKey(d.PredecessorId)))
            {
                var predecessor = byId[dependency.PredecessorId];
                if (predecessor.DueDate is { } late && late < today)
                {
                    reasons.Add(new("predecessor-late", $"Waits on {predecessor.Key}, overdue since {Day(late)}.", 20));
                }
                else if (predecessor.StartedAt is null && task.StartDate is { } start && start <= today)
                {
                    reasons.Add(new("predecessor-blocking", $"Meant to start on {Day(start)}, but waits on {predecessor.Key}, not started yet.", 15));
                }
            }
            if (task.Category == StateCategories.InProgress && task.StartedAt is { } started && cycleP85 is { } usual
                && (now - started).TotalDays > Math.Max(usual, 1))
            {
                reasons.Add(new("aging", string.Create(CultureInfo.InvariantCulture,
                    $"In progress for {(now - started).TotalDays:0} days, longer than 85 % of finished work takes ({usual:0.#} days)."), 20));
            }
            if (task.Assignee is null && NearStart(task, today) is { } when)
            {
                reasons.Add(new("unassigned", $"No one is assigned, and it {when}.", 15));
            }
            if (reasons.Count > 0)
            {
                var score = Math.Min(100, reasons.Sum(r => r.Points));
                assessed.Add(new TaskRiskView(task.Id, task.Key, task.Title, score, RiskLevels.Of(score), [.. reasons.OrderByDescending(r => r.Points)]));
            }
        }

        var projectReasons = ProjectReasons(tasks, open, now, today);
        var projectScore = Math.Min(100, Math.Max(projectReasons.Sum(r => r.Points), assessed.Count == 0 ? 0 : assessed.Max(t => t.Score)));
        return new ProjectRiskView(project.Key, projectScore, RiskLevels.Of(projectScore), projectReasons,
            [.. assessed.OrderByDescending(t => t.Score).ThenBy(t => t.Key, StringComparer.Ordinal)]);
    }

    private static List<RiskReason> ProjectReasons(IReadOnlyList<FlowTask> tasks, List<FlowTask> open, DateTimeOffset now, DateOnly today)
    {
        var reasons = new List<RiskReason>();
        var since = now.AddDays(-7 * ScopeWeeks);
        var arrived = tasks.Count(t => t.CreatedAt >= since);
        var done = tasks.Count(t => t.DoneAt >= since);
        if (arrived >= 4 && arrived > 1.5 * done)
        {
            reasons.Add(new("scope-growth", $"Work arrives faster than it is done: {arrived} tasks arrived and {done} were done in the last {ScopeWeeks} weeks.", 20));
        }
        var history = FlowMetrics.History(tasks, today.AddDays(1), HistoryWeeks);
        if (open.Count > 0 && history.IsEnough && open.Max(t => t.DueDate) is { } lastDue)
        {
            var forecast = MonteCarloForecast.When(history, open.Count, new ForecastOptions(Trials: 2_000));
            var likely = Backtest.DateAfter(today, forecast.P85);
            if (likely > lastDue)
            {
                reasons.Add(new("forecast-after-due", $"The open work is likely done by {Day(likely)} (P85), after the last due date, {Day(lastDue)}.", 30));
            }
        }
        return reasons;
    }

    private static string? NearStart(FlowTask task, DateOnly today) => task switch
    {
        { Category: StateCategories.InProgress } => "is in progress",
        { StartDate: { } start } when start <= today.AddDays(SoonDays) => start < today ? $"was to start on {Day(start)}" : $"starts on {Day(start)}",
        { DueDate: { } due } when due <= today.AddDays(2 * SoonDays) => due < today ? $"was due on {Day(due)}" : $"is due on {Day(due)}",
        _ => null,
    };

    private sealed record Scheduled(double Float, DateOnly LikelyDone);

    /// <summary>
    /// The open estimated tasks scheduled from today on the project's calendar by the critical path method, each at its 85th-percentile duration
    /// (PERT mean plus 1.04 deviations): its float, and the working day it is likely done by.
    /// </summary>
    private static Dictionary<Guid, Scheduled> Schedule(List<FlowTask> open, IReadOnlyList<FlowDependency> dependencies, WorkingCalendar calendar)
    {
        var estimated = open.Where(CriticalChain.IsEstimated).ToList();
        var index = estimated.Select((task, i) => (task.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var durations = estimated.ConvertAll(P85Days);
        var earliest = estimated.ConvertAll(t => t.StartDate is { } start ? (double)calendar.OffsetOf(start) : 0);
        var links = dependencies.Where(d => index.ContainsKey(d.PredecessorId) && index.ContainsKey(d.SuccessorId))
            .Select(d => new Link(index[d.PredecessorId], index[d.SuccessorId], DependencyTypes.TryParse(d.Type, out var type) ? type : DependencyType.FinishToStart, d.LagDays))
            .ToList();
        if (CriticalPath.Compute(durations, links, earliest).Schedule is not { } schedule)
        {
            return [];
        }
        return estimated.Select((task, i) => (task.Id, Times: schedule.Activities[i]))
            .ToDictionary(x => x.Id, x => new Scheduled(x.Times.TotalFloat, calendar.FinishDate(x.Times.EarlyStart, x.Times.EarlyFinish)));
    }

    private static double P85Days(FlowTask task)
    {
        var estimate = CriticalChain.Estimate(task);
        return estimate.Mean + Z85 * Math.Sqrt(estimate.Variance);
    }

    private static string Day(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
