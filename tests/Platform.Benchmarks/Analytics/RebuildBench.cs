using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Risks;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.Testing;

namespace Platform.Benchmarks.Analytics;

/// <summary>
/// <c>rebuild</c>: the flow projection of an organization made again from a journal of <c>tasks</c> tasks' events (each
/// created, most started and finished, some reopened, one in five waiting on another), on the local Postgres. Reported in
/// events per second, beside the floor: reading and parsing the same journal without projecting or writing anything.
/// </summary>
internal static class RebuildBench
{
    public static async Task<int> RunAsync(int tasks)
    {
        await using var servers = await LocalServers.StartAsync([AnalyticsDataExtensions.ConnectionName], CancellationToken.None);
        var connection = await servers.ConnectionStringAsync(AnalyticsDataExtensions.ConnectionName, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{AnalyticsDataExtensions.ConnectionName}"] = connection });
        builder.AddAnalyticsData();
        builder.Services.AddScoped<FlowRebuild>();
        builder.Services.AddScoped<ProjectRisks>();
        builder.Services.AddScoped<RiskWatch>();
        builder.Services.AddSingleton(TimeProvider.System);
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Database.MigrateAsync();
        }

        var organization = Guid.NewGuid();
        var events = Journal(organization, tasks).ToList();
        await WriteAsync(connection, events);
        Console.WriteLine($"journal: {events.Count:N0} events of {tasks:N0} tasks");

        var tenant = host.Services.GetRequiredService<TenantContext>();
        for (var run = 0; run < 3; run++)
        {
            using var entered = tenant.Enter(organization);
            var floor = await ReadAsync(host, organization);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<FlowRebuild>().RunAsync(CancellationToken.None);
            Console.WriteLine($"run {run + 1}: rebuild {result.Seconds:F1} s, {result.Events / result.Seconds:N0} events/s " +
                $"({result.Tasks:N0} tasks, {result.Transitions:N0} transitions, {result.Dependencies:N0} dependencies); " +
                $"reading the journal alone {floor:F1} s, {events.Count / floor:N0} events/s; rebuild / read {result.Seconds / floor:F1}×");
        }
        await ReassessAsync(host, organization);
        return 0;
    }

    /// <summary>
    /// What each task event costs the risk watch on a project this size: the project assessed again and the changed levels
    /// saved (the first time, every task at risk is new), beside the floor of reading the project's open tasks alone.
    /// </summary>
    private static async Task ReassessAsync(IHost host, Guid organization)
    {
        using var entered = host.Services.GetRequiredService<TenantContext>().Enter(organization);
        var reassessed = new List<double>();
        var floor = new List<double>();
        for (var run = 0; run < 11; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
            var project = await db.Projects.AsNoTracking().SingleAsync();
            var watch = Stopwatch.StartNew();
            await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id && t.Category != StateCategories.Done && t.Category != StateCategories.Cancelled).ToListAsync();
            floor.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<RiskWatch>().ReassessAsync(project.Id, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            reassessed.Add(watch.Elapsed.TotalMilliseconds);
            if (run == 0)
            {
                Console.WriteLine($"risk watch, first assessment (every task at risk new): {reassessed[0]:F0} ms, {await db.Risks.CountAsync():N0} tasks at risk");
            }
        }
        var (steady, read) = (reassessed.Skip(1).Order().ToList(), floor.Skip(1).Order().ToList());
        Console.WriteLine($"risk watch per task event, nothing changed: median {steady[steady.Count / 2]:F0} ms, max {steady[^1]:F0} ms; " +
            $"reading its open tasks alone (floor) median {read[read.Count / 2]:F0} ms; {steady[steady.Count / 2] / read[read.Count / 2]:F1}×");
    }

    /// <summary>The floor: every journal entry read in sequence pages and parsed back into its event, nothing kept.</summary>
    private static async Task<double> ReadAsync(IHost host, Guid organization)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        for (long after = 0; ;)
        {
            var page = await db.Journal.AsNoTracking().Where(e => e.OrganizationId == organization && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(5_000).ToListAsync();
            foreach (var entry in page)
            {
                JournalEvents.Read(entry);
            }
            if (page.Count < 5_000)
            {
                return watch.Elapsed.TotalSeconds;
            }
            after = page[^1].Sequence;
        }
    }

    private static IEnumerable<IntegrationEvent> Journal(Guid organization, int tasks)
    {
        var random = new Random(5);
        var project = Guid.NewGuid();
        var start = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        yield return new ProjectChanged(project, "BENCH", false) { OrganizationId = organization, OccurredAt = start };
        var ids = new Guid[tasks];
        for (var i = 0; i < tasks; i++)
        {
            var id = ids[i] = Guid.NewGuid();
            var key = $"BENCH-{i + 1}";
            var created = start.AddMinutes(15 * i);
            yield return new TaskCreated(id, project, key, $"Task {i + 1}")
            {
                OrganizationId = organization, OccurredAt = created,
                Fields = new Dictionary<string, JsonElement>
                {
                    ["stateCategory"] = JsonSerializer.SerializeToElement("todo"),
                    ["labels"] = JsonSerializer.SerializeToElement(new[] { $"area-{i % 7}" }),
                    ["mostLikelyDays"] = JsonSerializer.SerializeToElement(1 + i % 5),
                },
            };
            if (i > 0 && i % 5 == 0)
            {
                yield return new DependencyAdded(ids[random.Next(i)], id, "", key, "finish-to-start", 0) { OrganizationId = organization, OccurredAt = created };
            }
            if (i % 10 < 9)
            {
                yield return Moved(organization, project, id, key, "todo", "inProgress", created.AddDays(1));
                if (i % 10 < 8)
                {
                    yield return Moved(organization, project, id, key, "inProgress", "done", created.AddDays(1 + random.Next(1, 10)));
                    if (i % 50 == 0)
                    {
                        yield return Moved(organization, project, id, key, "done", "inProgress", created.AddDays(12));
                    }
                }
            }
        }
    }

    private static TaskUpdated Moved(Guid organization, Guid project, Guid id, string key, string from, string to, DateTimeOffset at) =>
        new(id, project, key, new Dictionary<string, FieldChange>
        {
            ["stateCategory"] = new(JsonSerializer.SerializeToElement(from), JsonSerializer.SerializeToElement(to)),
        })
        { OrganizationId = organization, OccurredAt = at };

    /// <summary>The journal as the owner writes it in bulk (COPY), in the events' order.</summary>
    private static async Task WriteAsync(string connection, List<IntegrationEvent> events)
    {
        await using var database = NpgsqlDataSource.Create(connection);
        await using var open = await database.OpenConnectionAsync();
        await using var writer = await open.BeginBinaryImportAsync("COPY event_journal (event_id, organization_id, occurred_at, type, data) FROM STDIN (FORMAT BINARY)");
        foreach (var integrationEvent in events)
        {
            var entry = JournalEvents.Entry(integrationEvent);
            await writer.StartRowAsync();
            await writer.WriteAsync(entry.EventId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(entry.OrganizationId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(entry.OccurredAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(entry.Type, NpgsqlDbType.Varchar);
            await writer.WriteAsync(entry.Data, NpgsqlDbType.Jsonb);
        }
        await writer.CompleteAsync();
    }
}
