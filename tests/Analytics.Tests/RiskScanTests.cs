using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Analytics.Data;
using Platform.Analytics.Risks;
using Platform.EventBus.Outbox;

namespace Platform.Analytics.Tests;

/// <summary>Time alone makes work overdue: the periodic scan finds it with no event to tell, and announces it.</summary>
public sealed class RiskScanTests(AnalyticsDatabaseFixture database) : IClassFixture<AnalyticsDatabaseFixture>
{
    [Fact]
    public async Task A_task_that_falls_overdue_while_nothing_happens_is_announced_by_the_scan()
    {
        var organization = Guid.NewGuid();
        var script = new EventScript(organization, "SCAN").Project(AnalyticsDatabaseFixture.Now.AddDays(-1));
        script.Create(AnalyticsDatabaseFixture.Now.AddDays(-1), "todo", ("assignee", Guid.NewGuid()), ("dueDate", "2026-03-03"));
        await database.HandleAsync(organization, script.Events);
        Assert.Empty(await AnnouncedAsync(organization));

        ((FakeTimeProvider)database.Host.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromDays(2));
        await database.Host.Services.GetRequiredService<RiskScan>().ScanAsync(TestContext.Current.CancellationToken);

        var announced = Assert.Single(await AnnouncedAsync(organization));
        Assert.Equal(("SCAN-1", "none", "medium"), (announced.GetProperty("key").GetString(), announced.GetProperty("fromLevel").GetString(), announced.GetProperty("toLevel").GetString()));
        Assert.Equal("Overdue: it was due on Tue 3 Mar.", announced.GetProperty("reasons")[0].GetString());

        // A second scan with nothing changed announces nothing more.
        await database.Host.Services.GetRequiredService<RiskScan>().ScanAsync(TestContext.Current.CancellationToken);
        Assert.Single(await AnnouncedAsync(organization));
    }

    private Task<List<JsonElement>> AnnouncedAsync(Guid organization) => database.InTenantAsync(organization, async services =>
        (await services.GetRequiredService<AnalyticsDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organization && m.Type == "platform.risk.changed").OrderBy(m => m.Sequence).ToListAsync())
        .ConvertAll(m => JsonDocument.Parse(m.Data).RootElement));
}
