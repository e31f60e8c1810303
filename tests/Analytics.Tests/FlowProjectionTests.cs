using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Forecasting;

namespace Platform.Analytics.Tests;

/// <summary>
/// The flow projection on a real Postgres, fed the events of a project whose figures are worked out by hand below; the
/// forecasts, the short-history fallback, calibration and the rebuild on top of it.
/// </summary>
public sealed class FlowProjectionTests(AnalyticsDatabaseFixture database) : IClassFixture<AnalyticsDatabaseFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 1, 6, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Tasks finished in each of the 8 weeks from <see cref="Start"/> to the fixture's today.</summary>
    private static readonly int[] DonePerWeek = [2, 4, 3, 3, 5, 1, 3, 3];

    /// <summary>
    /// A project whose keys no other test uses (the tests connect as the database's owner, whom row-level security lets
    /// through): 24 tasks created on 6 January, each started at the beginning of its week and done two days later (cycle time 2
    /// days, lead time 7k + 2 days in week k); one cancelled, one deleted, two in progress since 20 February and two
    /// created on 24 February that wait.
    /// </summary>
    private static (EventScript Script, Guid[] Open) HandCheckedProject(Guid organization, string key)
    {
        var script = new EventScript(organization, key).Project(Start.AddDays(-1));
        for (var week = 0; week < DonePerWeek.Length; week++)
        {
            for (var i = 0; i < DonePerWeek[week]; i++)
            {
                var task = script.Create(Start, "todo", ("labels", new[] { week % 2 == 0 ? "even" : "odd" }));
                script.Move(task, "inProgress", Start.AddDays(7 * week)).Move(task, "done", Start.AddDays(7 * week + 2));
            }
        }
        var cancelled = script.Create(Start, "backlog");
        script.Move(cancelled, "cancelled", Start.AddDays(14));
        var deleted = script.Create(Start);
        script.Delete(deleted, Start.AddDays(15));
        var started = new[] { script.Create(Start), script.Create(Start) };
        foreach (var task in started)
        {
            script.Move(task, "inProgress", new DateTimeOffset(2026, 2, 20, 10, 0, 0, TimeSpan.Zero));
        }
        var waiting = new[] { script.Create(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.Zero)), script.Create(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.Zero)) };
        return (script, [.. started, .. waiting]);
    }

    [Fact]
    public async Task Flow_metrics_of_a_hand_checked_project()
    {
        var organization = Guid.NewGuid();
        var (script, _) = HandCheckedProject(organization, "FLOW");
        await database.HandleAsync(organization, script.Events);

        var metrics = await MetricsAsync(organization, "flow", new FlowFilter(), 13);

        Assert.Equal(new DateOnly(2026, 1, 6), metrics.From);
        Assert.Equal(new DateOnly(2026, 3, 3), metrics.Until);
        Assert.Equal(DonePerWeek, metrics.Weeks.Select(w => w.Done));
        Assert.Equal([27, 0, 0, 0, 0, 0, 0, 2], metrics.Weeks.Select(w => w.Arrived));
        Assert.Equal(new DayPercentiles(24, 2, 2, 2), metrics.CycleTimeDays);
        // Lead times 2 (×2), 9 (×4), 16 (×3), 23 (×3), 30 (×5), 37, 44 (×3), 51 (×3): the 12th, 21st and 23rd of 24 by nearest rank.
        Assert.Equal(new DayPercentiles(24, 23, 44, 51), metrics.LeadTimeDays);
        Assert.Equal(2, metrics.WorkInProgress.Count);
        Assert.All(metrics.WorkInProgress, item => Assert.Equal((10.1, true), (item.AgeDays, item.Aging)));
        Assert.Equal(new CumulativeFlowPoint(new DateOnly(2026, 1, 12), Backlog: 1, Todo: 24, InProgress: 0, Done: 2, Cancelled: 0), metrics.CumulativeFlow[0]);
        Assert.Equal(new CumulativeFlowPoint(new DateOnly(2026, 3, 2), Backlog: 0, Todo: 2, InProgress: 2, Done: 24, Cancelled: 1), metrics.CumulativeFlow[^1]);

        var even = await MetricsAsync(organization, "FLOW", new FlowFilter(Label: "even"), 13);
        Assert.Equal([2, 0, 3, 0, 5, 0, 3, 0], even.Weeks.Select(w => w.Done));
    }

    [Fact]
    public async Task A_forecast_samples_the_history_and_the_same_seed_gives_the_same_dates()
    {
        var organization = Guid.NewGuid();
        var (script, open) = HandCheckedProject(organization, "SEED");
        await database.HandleAsync(organization, script.Events);

        var first = await ForecastAsync(organization, "SEED", new ForecastRequest(Seed: 7));
        var again = await ForecastAsync(organization, "SEED", new ForecastRequest(Seed: 7));

        Assert.Equal(("when", "monteCarlo", 4), (first.Kind, first.Method, first.Remaining));
        Assert.Equal(DonePerWeek, first.History.DonePerWeek);
        Assert.Equal(first.Dates, again.Dates);
        Assert.NotEqual(first.Id, again.Id);
        var dates = first.Dates!;
        Assert.True(dates.P50 >= new DateOnly(2026, 3, 2) && dates.P50 <= dates.P85 && dates.P85 <= dates.P95, $"{dates}");
        // 4 tasks at 1 to 5 a week: never later than the fourth week's end, Sunday 29 March, moved to the working Monday.
        Assert.InRange(dates.P95, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30));
        Assert.All([dates.P50, dates.P85, dates.P95], day => Assert.True(day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{day}"));

        var counts = await ForecastAsync(organization, "SEED", new ForecastRequest(By: new DateOnly(2026, 3, 30)));
        Assert.Equal("howMany", counts.Kind);
        Assert.NotNull(counts.Id);
        Assert.True(counts.Counts!.P95 <= counts.Counts.P85 && counts.Counts.P85 <= counts.Counts.P50, $"{counts.Counts}");

        // The work closes: both kept forecasts are scored against the day the last task closed.
        await database.HandleAsync(organization, [.. open.Select((task, i) => Moved(script, task, i == 3 ? "cancelled" : "done", new DateTimeOffset(2026, 3, 5 + i, 9, 0, 0, TimeSpan.Zero)))]);
        var calibration = await database.InTenantAsync(organization, async services =>
            await services.GetRequiredService<ForecastCalibration>().ReadAsync((await services.GetRequiredService<ProjectFlows>().FindAsync("SEED", default))!, default));
        Assert.Equal((2, 2), (calibration.Made, calibration.Resolved));
        Assert.All(calibration.Recent, r => Assert.Equal(new DateOnly(2026, 3, 8), r.Actual));
        Assert.Equal(new DateOnly(2026, 3, 8) <= dates.P85 ? 1.0 : 0.0, calibration.P85HitRate);
        Assert.Equal((1, 0), (calibration.HowMany.Made, calibration.HowMany.Resolved));
    }

    [Fact]
    public async Task How_many_forecasts_whose_day_has_passed_are_scored_against_the_tasks_of_their_filter_done_meanwhile()
    {
        var organization = Guid.NewGuid();
        var (script, _) = HandCheckedProject(organization, "COUNT");
        await database.HandleAsync(organization, script.Events);
        // Made on Monday 16 February for Friday 27 February: done since, 3 tasks on the 19th (an even week) and 3 on the 26th.
        var made = new DateTimeOffset(2026, 2, 16, 10, 0, 0, TimeSpan.Zero);
        var calibration = await database.InTenantAsync(organization, async services =>
        {
            var project = (await services.GetRequiredService<ProjectFlows>().FindAsync("COUNT", default))!;
            var db = services.GetRequiredService<AnalyticsDbContext>();
            StoredCountForecast Kept(string? label, int p50, int p85, int p95) => new()
            {
                Id = Guid.NewGuid(), OrganizationId = organization, ProjectId = project.Id, MadeAt = made, Inputs = "{}", Label = label,
                By = new DateOnly(2026, 2, 27), P50 = p50, P85 = p85, P95 = p95,
            };
            db.CountForecasts.AddRange(Kept(null, 7, 5, 4), Kept("even", 4, 4, 3));
            await db.SaveChangesAsync();
            return await services.GetRequiredService<ForecastCalibration>().ReadAsync(project, default);
        });

        var howMany = calibration.HowMany;
        Assert.Equal((2, 2), (howMany.Made, howMany.Resolved));
        Assert.Equal([3, 6], howMany.Recent.Select(r => r.Actual).Order());
        // All work: 6 done, at least P85's 5 and P95's 4. Even weeks': 3, short of P85's 4, at P95's 3. P50 one off both times.
        Assert.Equal((0.5, 1.0, 1.0), (howMany.P85HitRate, howMany.P95HitRate, howMany.P50MeanAbsoluteError));
    }

    [Fact]
    public async Task With_too_little_history_the_forecast_is_PERT_along_the_critical_chain_and_says_so()
    {
        var organization = Guid.NewGuid();
        var script = new EventScript(organization, "PERT").Project(Start);
        var done = script.Create(Start);
        script.Move(done, "done", Start.AddDays(3));
        var a = script.Create(Start, "todo", ("optimisticDays", 1), ("mostLikelyDays", 2), ("pessimisticDays", 3));
        var b = script.Create(Start, "todo", ("optimisticDays", 2), ("mostLikelyDays", 4), ("pessimisticDays", 6));
        script.Create(Start, "todo", ("optimisticDays", 5), ("mostLikelyDays", 5), ("pessimisticDays", 5));
        script.Create(Start);
        script.Depend(a, b, Start);
        await database.HandleAsync(organization, script.Events);

        var forecast = await ForecastAsync(organization, "PERT", new ForecastRequest());

        Assert.Equal(("threePoint", 4), (forecast.Method, forecast.Remaining));
        Assert.False(forecast.History.IsEnough);
        Assert.Contains("too short", forecast.Explanation, StringComparison.Ordinal);
        Assert.Contains(forecast.Notes, note => note.StartsWith("1 of the 4 open tasks have no estimate", StringComparison.Ordinal));
        // A then B: mean 2 + 4 = 6 working days, deviation √(1/9 + 4/9) = 0.745; P85 6.77 → 7 days, P95 7.23 → 8, from Monday 2 March.
        Assert.Equal(new ForecastDates(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11)), forecast.Dates);

        // A holiday on Tuesday 3 March pushes each date a working day later.
        await database.HandleAsync(organization, [.. script.Project(Start, new DateOnly(2026, 3, 3)).Events.TakeLast(1)]);
        var afterHoliday = await ForecastAsync(organization, "PERT", new ForecastRequest());
        Assert.Equal(new ForecastDates(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 12)), afterHoliday.Dates);

        var counting = await Assert.ThrowsAsync<CannotForecastException>(() => ForecastAsync(organization, "PERT", new ForecastRequest(By: new DateOnly(2026, 4, 1))));
        Assert.Contains("1 task done over 8 weeks", counting.Message, StringComparison.Ordinal);

        var bare = new EventScript(organization, "BARE").Project(Start);
        bare.Create(Start);
        await database.HandleAsync(organization, bare.Events);
        var refusal = await Assert.ThrowsAsync<CannotForecastException>(() => ForecastAsync(organization, "BARE", new ForecastRequest()));
        Assert.Contains("optimistic, most likely and pessimistic", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuilding_from_the_journal_gives_the_live_projection_again_and_again()
    {
        var organization = Guid.NewGuid();
        var (script, _) = HandCheckedProject(organization, "REBUILT");
        var other = new EventScript(organization, "DEPS").Project(Start);
        var first = other.Create(Start);
        var second = other.Create(Start);
        other.Depend(first, second, Start.AddHours(1)).Move(first, "inProgress", Start.AddDays(1));
        // Every field the flow records keep, set, so the rebuild's bulk write is checked column by column.
        other.Create(Start, "todo", ("assignee", Guid.NewGuid()), ("labels", new[] { "api", "ui" }), ("parent", "DEPS-1"), ("optimisticDays", 1.5),
            ("mostLikelyDays", 2), ("pessimisticDays", 4), ("startDate", "2026-01-07"), ("dueDate", "2026-01-20"));
        await database.HandleAsync(organization, [.. script.Events, .. other.Events]);
        var live = await SnapshotAsync(organization);

        var rebuilt = await database.InTenantAsync(organization, services => services.GetRequiredService<FlowRebuild>().RunAsync(default));
        var once = await SnapshotAsync(organization);
        await database.InTenantAsync(organization, services => services.GetRequiredService<FlowRebuild>().RunAsync(default));
        var twice = await SnapshotAsync(organization);

        Assert.Equal(script.Events.Count + other.Events.Count, rebuilt.Events);
        Assert.Equal((2, 32, 1), (rebuilt.Projects, rebuilt.Tasks, rebuilt.Dependencies));
        Assert.Equal(live, once);
        Assert.Equal(live, twice);
    }

    private static Platform.Contracts.IntegrationEvent Moved(EventScript script, Guid task, string category, DateTimeOffset at)
    {
        script.Move(task, category, at);
        return script.Events[^1];
    }

    private Task<FlowMetricsView> MetricsAsync(Guid organization, string key, FlowFilter filter, int weeks) =>
        database.InTenantAsync(organization, async services =>
        {
            var flows = services.GetRequiredService<ProjectFlows>();
            return await flows.MetricsAsync((await flows.FindAsync(key, default))!, filter, weeks, default);
        });

    private Task<ForecastView> ForecastAsync(Guid organization, string key, ForecastRequest request) =>
        database.InTenantAsync(organization, async services =>
            await services.GetRequiredService<ForecastOperation>().ForecastAsync((await services.GetRequiredService<ProjectFlows>().FindAsync(key, default))!, request, default));

    /// <summary>The projection's rows as JSON, in a stable order, without the transitions' generated ids.</summary>
    private Task<string> SnapshotAsync(Guid organization) =>
        database.InTenantAsync(organization, async services =>
        {
            var db = services.GetRequiredService<AnalyticsDbContext>();
            var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Key).ToListAsync();
            var tasks = await db.Tasks.AsNoTracking().OrderBy(t => t.Key).ThenBy(t => t.Id).ToListAsync();
            var transitions = (await db.Transitions.AsNoTracking().ToListAsync())
                .Select(t => new { t.TaskId, t.At, t.FromCategory, t.ToCategory }).OrderBy(t => t.TaskId).ThenBy(t => t.At).ThenBy(t => t.ToCategory).ToList();
            var dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.PredecessorId).ThenBy(d => d.SuccessorId).ToListAsync();
            return JsonSerializer.Serialize(new { projects, tasks, transitions, dependencies });
        });
}
