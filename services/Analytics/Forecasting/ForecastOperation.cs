using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;

namespace Platform.Analytics.Forecasting;

/// <summary>The forecast cannot be made from what the project holds; the message says what is missing.</summary>
public sealed class CannotForecastException(string message) : Exception(message);

/// <summary>
/// Forecasts from the project's own record: Monte Carlo on its sampled weekly throughput when there is enough of it,
/// otherwise PERT on the tasks' three-point estimates along the critical chain, labelled as such. "When" forecasts are
/// and "how many" forecasts are kept with their inputs (and the tasks or the filter they cover), for calibration.
/// </summary>
public sealed class ForecastOperation(AnalyticsDbContext db, ProjectFlows flows, TimeProvider clock)
{
    public async Task<ForecastView> ForecastAsync(FlowProject project, ForecastRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = FlowMetrics.Day(now);
        var filter = new FlowFilter(request.Label, request.Assignee, request.Parent?.ToUpperInvariant());
        var tasks = await flows.TasksAsync(project, filter, cancellationToken);
        var history = FlowMetrics.History(tasks, today.AddDays(1), request.HistoryWeeks);
        var historyView = new HistoryView(history.Weeks, history.DoneTasks, history.IsEnough, history.Done);
        var options = new ForecastOptions(request.Trials, request.Seed, request.ScopeGrowth);
        var notes = new List<string>();
        var inScope = Selected(tasks, request.Tasks);
        var open = inScope.Where(t => !StateCategories.IsClosed(t.Category)).ToList();

        if (request.By is { } by)
        {
            if (!history.IsEnough)
            {
                throw new CannotForecastException(NotEnoughHistory(history) + " Counting by a day needs the team's throughput; ask when the work is done instead, which falls back on estimates.");
            }
            var weeks = (by.DayNumber - today.DayNumber) / 7.0;
            var counts = MonteCarloForecast.HowMany(history, weeks, options);
            var id = Guid.CreateVersion7();
            db.CountForecasts.Add(new StoredCountForecast
            {
                Id = id,
                OrganizationId = project.OrganizationId,
                ProjectId = project.Id,
                MadeAt = now,
                Inputs = JsonSerializer.Serialize(request, JsonSerializerOptions.Web),
                Label = filter.Label,
                Assignee = filter.Assignee,
                Parent = filter.Parent,
                By = by,
                P50 = counts.P50,
                P85 = counts.P85,
                P95 = counts.P95,
            });
            await db.SaveChangesAsync(cancellationToken);
            return new ForecastView(id, project.Key, "howMany", "monteCarlo", now, open.Count, historyView, null,
                new ForecastCounts(counts.P50, counts.P85, counts.P95), null, [],
                $"By {by:yyyy-MM-dd}, {counts.P50} or more tasks are done in half of {options.Trials:N0} simulated futures, " +
                $"{counts.P85} or more in 85 % of them and {counts.P95} or more in 95 %: plan on the P85 count.", notes);
        }

        if (open.Count == 0)
        {
            return new ForecastView(null, project.Key, "when", "none", now, 0, historyView, new ForecastDates(today, today, today), null, 1, [],
                "Nothing in scope is open: the work is done.", notes);
        }

        var view = history.IsEnough
            ? MonteCarlo(project, history, historyView, open.Count, options, today, now, notes)
            : await ThreePointAsync(project, history, historyView, open, today, now, notes, cancellationToken);
        db.Forecasts.Add(new StoredForecast
        {
            Id = view.Id!.Value,
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            MadeAt = now,
            Method = view.Method,
            Inputs = JsonSerializer.Serialize(request, JsonSerializerOptions.Web),
            TaskIds = [.. open.Select(t => t.Id)],
            P50 = view.Dates!.P50,
            P85 = view.Dates.P85,
            P95 = view.Dates.P95,
        });
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }

    private static ForecastView MonteCarlo(
        FlowProject project, ThroughputHistory history, HistoryView historyView, int remaining, ForecastOptions options, DateOnly today, DateTimeOffset now, List<string> notes)
    {
        var forecast = MonteCarloForecast.When(history, remaining, options);
        if (options.ScopeGrowth)
        {
            notes.Add("Scope growth is on: in each simulated week, as many new tasks arrive as arrived in the sampled week.");
        }
        if (forecast.FinishedShare < 1)
        {
            notes.Add($"{1 - forecast.FinishedShare:P0} of the trials did not finish within {options.HorizonWeeks / 52} years; they count as finishing then.");
        }
        // Weeks of throughput are calendar weeks; the day they end on moves to the project's next working day.
        var calendar = ProjectCalendars.From(project, today);
        DateOnly After(double weeks) => calendar.Day(calendar.OffsetOf(Backtest.DateAfter(today, weeks)));
        var dates = new ForecastDates(After(forecast.P50), After(forecast.P85), After(forecast.P95));
        var histogram = forecast.FinishedPerWeek.Select((trials, week) => new ForecastWeek(today.AddDays(7 * week + 6), trials / (double)options.Trials)).ToList();
        return new ForecastView(Guid.CreateVersion7(), project.Key, "when", "monteCarlo", now, remaining, historyView, dates, null, forecast.FinishedShare, histogram,
            $"{remaining} open tasks, at the pace of the last {history.Weeks} weeks ({history.DoneTasks} tasks done), sampled in {options.Trials:N0} simulated futures: " +
            $"done by {dates.P50:yyyy-MM-dd} in half of them, by {dates.P85:yyyy-MM-dd} in 85 % (the date to commit to) and by {dates.P95:yyyy-MM-dd} in 95 %.",
            notes);
    }

    private async Task<ForecastView> ThreePointAsync(
        FlowProject project, ThroughputHistory history, HistoryView historyView, List<FlowTask> open, DateOnly today, DateTimeOffset now, List<string> notes,
        CancellationToken cancellationToken)
    {
        var estimated = open.Where(CriticalChain.IsEstimated).ToList();
        if (estimated.Count == 0)
        {
            throw new CannotForecastException(NotEnoughHistory(history) +
                " No open task has an estimate to fall back on: give tasks their optimistic, most likely and pessimistic days.");
        }
        if (estimated.Count < open.Count)
        {
            notes.Add($"{open.Count - estimated.Count} of the {open.Count} open tasks have no estimate and are left out, so the dates are early.");
        }
        var ids = estimated.Select(t => t.Id).ToList();
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => ids.Contains(d.SuccessorId)).ToListAsync(cancellationToken);
        var chain = CriticalChain.Of(estimated, dependencies);
        var days = ThreePointForecast.Along(chain);
        notes.Add("Estimated days are working days on the project's calendar; tasks off the critical chain are assumed to run alongside it.");
        var calendar = ProjectCalendars.From(project, today);
        var dates = new ForecastDates(calendar.FinishDate(0, days.P50), calendar.FinishDate(0, days.P85), calendar.FinishDate(0, days.P95));
        return new ForecastView(Guid.CreateVersion7(), project.Key, "when", "threePoint", now, open.Count, historyView, dates, null, null, [],
            NotEnoughHistory(history) + $" So this is PERT on the team's own estimates, not on its record: the critical chain of " +
            $"{Count(chain.Count, "estimated step")} takes {days.P50:0.#} working days at P50, {days.P85:0.#} at P85 and {days.P95:0.#} at P95.",
            notes);
    }

    private static List<FlowTask> Selected(List<FlowTask> tasks, string[]? keys)
    {
        if (keys is null)
        {
            return tasks;
        }
        var wanted = keys.Select(k => k.ToUpperInvariant()).ToHashSet();
        var found = tasks.Where(t => wanted.Contains(t.Key)).ToList();
        if (found.Count < wanted.Count)
        {
            var missing = wanted.Except(found.Select(t => t.Key)).Order();
            throw new CannotForecastException($"Not found in the project (or outside the filter): {string.Join(", ", missing)}.");
        }
        return found;
    }

    private static string NotEnoughHistory(ThroughputHistory history) =>
        $"The history is too short to sample: {Count(history.DoneTasks, "task")} done over {Count(history.Weeks, "week")}, where a forecast needs at least " +
        $"{ThroughputHistory.EnoughDoneTasks} over {ThroughputHistory.EnoughWeeks}.";

    private static string Count(int count, string thing) => count == 1 ? $"1 {thing}" : $"{count} {thing}s";
}
