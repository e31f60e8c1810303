using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Risks;
using Platform.EventBus.Outbox;

namespace Platform.Analytics.Tests;

/// <summary>Risks of a hand-checked project, each reason worked out below, and the risk events a change of level sends.</summary>
public sealed class RiskTests(AnalyticsDatabaseFixture database) : IClassFixture<AnalyticsDatabaseFixture>
{
    private static readonly DateTimeOffset January = new(2026, 1, 12, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = new(2026, 2, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Someone = Guid.NewGuid();

    [Fact]
    public async Task Each_open_task_is_judged_by_its_reasons_and_a_change_of_level_is_announced()
    {
        var organization = Guid.NewGuid();
        var script = new EventScript(organization, "RISK").Project(January);
        // Three tasks done in January, two days each: cycle time P85 is 2 days.
        for (var i = 0; i < 3; i++)
        {
            var done = script.Create(January);
            script.Move(done, "inProgress", January.AddDays(i)).Move(done, "done", January.AddDays(i + 2));
        }
        // Today is Monday 2 March. A (2/3/4 days, due Tuesday) leads to B (1 day, meant to start Sunday): the critical chain.
        var a = script.Create(Created, "todo", ("optimisticDays", 2), ("mostLikelyDays", 3), ("pessimisticDays", 4), ("dueDate", "2026-03-03"));
        var b = script.Create(Created, "todo", ("optimisticDays", 1), ("mostLikelyDays", 1), ("pessimisticDays", 1), ("startDate", "2026-03-01"));
        script.Depend(a, b, Created);
        var c = script.Create(Created, "todo", ("assignee", Someone));
        script.Move(c, "inProgress", new DateTimeOffset(2026, 2, 20, 10, 0, 0, TimeSpan.Zero));
        script.Create(Created, "todo", ("assignee", Someone), ("dueDate", "2026-02-27"));
        await database.HandleAsync(organization, script.Events);

        var risks = await AssessAsync(organization);

        // A: P85 duration 3 + 1.04 × 1/3 = 3.35 working days from Monday, done Thursday, after its due date (30); critical (20);
        // nobody assigned and due within the week (15).
        Assert.Equal(("RISK-4", 65, "high"), (risks.Tasks[0].Key, risks.Tasks[0].Score, risks.Tasks[0].Level));
        Assert.Equal(["due-before-forecast", "critical", "unassigned"], risks.Tasks[0].Reasons.Select(r => r.Code));
        Assert.Equal("Due on Tue 3 Mar, but likely done only by Thu 5 Mar (P85).", risks.Tasks[0].Reasons[0].Text);
        // B: critical (20), waits on A though meant to start on Sunday (15), nobody assigned though it was to start (15).
        Assert.Equal(("RISK-5", 50, "high"), (risks.Tasks[1].Key, risks.Tasks[1].Score, risks.Tasks[1].Level));
        Assert.Equal(["critical", "predecessor-blocking", "unassigned"], risks.Tasks[1].Reasons.Select(r => r.Code));
        // D overdue (40); C in progress 10 days where 85 % of work took 2 (20).
        Assert.Equal([("RISK-7", 40, "medium", "overdue"), ("RISK-6", 20, "low", "aging")],
            risks.Tasks.Skip(2).Select(t => (t.Key, t.Score, t.Level, t.Reasons[0].Code)));
        Assert.Equal("In progress for 10 days, longer than 85 % of finished work takes (2 days).", risks.Tasks[3].Reasons[0].Text);
        // The project: four tasks arrived and none were done in four weeks (20); its riskiest task scores 65.
        Assert.Equal((65, "high", "scope-growth"), (risks.Score, risks.Level, Assert.Single(risks.Reasons).Code));
        Assert.Equal(["high", "high", "low", "medium"], await StoredLevelsAsync(organization, ["RISK-4", "RISK-5", "RISK-6", "RISK-7"]));

        // A is done: B no longer waits and is alone on its chain; only its missing assignee is left, and the drop is announced.
        script.Move(a, "done", AnalyticsDatabaseFixture.Now.AddHours(-1));
        await database.HandleAsync(organization, [script.Events[^1]]);
        var after = await AssessAsync(organization);
        Assert.DoesNotContain(after.Tasks, t => t.Key == "RISK-4");
        Assert.Equal((15, "low"), after.Tasks.Where(t => t.Key == "RISK-5").Select(t => (t.Score, t.Level)).Single());
        var announced = await RiskEventsAsync(organization);
        Assert.Equal(("high", "low"), announced.Last(e => e.Key == "RISK-5").Levels);
        Assert.DoesNotContain(announced, e => e.Key == "RISK-4" && e.Levels.To == "none");
    }

    [Fact]
    public async Task The_assessment_reads_the_recent_record_and_judges_as_it_would_with_the_whole_history()
    {
        var organization = Guid.NewGuid();
        var started = new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);
        var script = new EventScript(organization, "LONG").Project(started);
        // Forty weeks of work, two tasks done each week: most of the record is older than the weeks the assessment reads.
        for (var week = 0; week < 40; week++)
        {
            for (var i = 0; i < 2; i++)
            {
                var done = script.Create(started.AddDays(7 * week));
                script.Move(done, "inProgress", started.AddDays(7 * week + i)).Move(done, "done", started.AddDays(7 * week + 2 + i));
            }
        }
        var aging = script.Create(Created, "todo");
        script.Move(aging, "inProgress", new DateTimeOffset(2026, 2, 16, 10, 0, 0, TimeSpan.Zero));
        script.Create(Created, "todo", ("dueDate", "2026-03-04"), ("mostLikelyDays", 5));
        await database.HandleAsync(organization, script.Events);

        var (read, whole) = await database.InTenantAsync(organization, async services =>
        {
            var project = (await services.GetRequiredService<ProjectFlows>().FindAsync("LONG", default))!;
            var db = services.GetRequiredService<AnalyticsDbContext>();
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync();
            var dependencies = await db.Dependencies.AsNoTracking().ToListAsync();
            return (await services.GetRequiredService<ProjectRisks>().AssessAsync(project, default),
                RiskAssessment.Assess(project, tasks, dependencies, AnalyticsDatabaseFixture.Now));
        });

        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(read));
        Assert.Equal(["LONG-81", "LONG-82"], read.Tasks.Select(t => t.Key).Order());
    }

    private Task<ProjectRiskView> AssessAsync(Guid organization) => database.InTenantAsync(organization, async services =>
        await services.GetRequiredService<ProjectRisks>().AssessAsync((await services.GetRequiredService<ProjectFlows>().FindAsync("RISK", default))!, default));

    private Task<string[]> StoredLevelsAsync(Guid organization, string[] keys) => database.InTenantAsync(organization, async services =>
    {
        var db = services.GetRequiredService<AnalyticsDbContext>();
        var levels = await db.Risks.AsNoTracking().Join(db.Tasks, r => r.TaskId, t => t.Id, (r, t) => new { t.Key, r.Level }).ToDictionaryAsync(x => x.Key, x => x.Level);
        return keys.Select(k => levels[k]).ToArray();
    });

    private Task<List<(string Key, (string From, string To) Levels)>> RiskEventsAsync(Guid organization) => database.InTenantAsync(organization, async services =>
    {
        var messages = await services.GetRequiredService<AnalyticsDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organization && m.Type == "platform.risk.changed").OrderBy(m => m.Sequence).ToListAsync();
        return messages.Select(m => JsonDocument.Parse(m.Data).RootElement)
            .Select(e => (e.GetProperty("key").GetString()!, (e.GetProperty("fromLevel").GetString()!, e.GetProperty("toLevel").GetString()!))).ToList();
    });
}
