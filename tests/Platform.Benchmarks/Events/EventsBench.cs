using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Data;
using Platform.EventBus;
using Platform.EventBus.Outbox;
using Platform.Testing;

namespace Platform.Benchmarks.Events;

/// <summary>
/// End to end through the real path on the AppHost's local Postgres and Redis: producers commit rows
/// and their events (N per transaction), the relay publishes the outbox to a Redis stream, the consumer
/// handles the events (inbox record + one row each, a transaction per lane and batch). Reports how fast a
/// backlog drains, the sustained rate with producers flat out on the same two cores, and the latency
/// at half the target rate of 5 000 events/s, both from the event's occurrence (before its producer's
/// transaction) and from its producer's commit. With <c>append-only</c> the handler's rows are saved per batch.
/// </summary>
internal static class EventsBench
{
    private const int Producers = 8;
    private const int HalfTargetRate = 2_500;

    /// <param name="appendOnly">The handler subscribed as append-only: its rows saved per batch instead of per event.</param>
    public static async Task<int> RunAsync(int events, int eventsPerCommit, bool appendOnly)
    {
        await using var servers = await LocalServers.StartAsync(["eventsbench"], CancellationToken.None);
        var database = await servers.ConnectionStringAsync("eventsbench", CancellationToken.None);
        await using (var schema = Context(database))
        {
            await schema.Database.EnsureDeletedAsync();
            await schema.Database.EnsureCreatedAsync();
            // Unmapped, so EF Core reads nothing back: when the producer's and the handler's rows were written.
            await schema.Database.ExecuteSqlRawAsync(
                "ALTER TABLE pings ADD COLUMN written_at timestamptz NOT NULL DEFAULT clock_timestamp(); " +
                "ALTER TABLE pongs ADD COLUMN written_at timestamptz NOT NULL DEFAULT clock_timestamp()");
        }

        var latencies = new ConcurrentQueue<double>();
        using var listener = ListenToLatency(latencies);
        var redis = await servers.ConnectionStringAsync("cache", CancellationToken.None);

        // Warm-up: the JIT compiles the whole path before anything is measured.
        using (var warmUp = BuildHost(database, redis, appendOnly))
        {
            await warmUp.StartAsync();
            await ProduceAsync(warmUp, events / 5, eventsPerCommit, ratePerSecond: null);
            await WaitHandledAsync(latencies, events / 5);
            await warmUp.StopAsync();
            latencies.Clear();
        }

        using var host = BuildHost(database, redis, appendOnly);

        // The path after the commit alone: a backlog committed while the service was down, drained by relay and consumer.
        await ProduceAsync(host, events, eventsPerCommit, ratePerSecond: null);
        var drain = Stopwatch.StartNew();
        await host.StartAsync();
        await WaitHandledAsync(latencies, events);
        Console.WriteLine($"backlog: {events} events committed while the service was down, published and handled in {drain.Elapsed.TotalSeconds:F2} s " +
            $"= {events / drain.Elapsed.TotalSeconds:F0} events/s");
        latencies.Clear();

        var clock = Stopwatch.StartNew();
        await ProduceAsync(host, events, eventsPerCommit, ratePerSecond: null);
        var produced = clock.Elapsed;
        await WaitHandledAsync(latencies, events);
        var throughput = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"flat out: {events} events, {Producers} producers, {eventsPerCommit} per commit, committed in {produced.TotalSeconds:F2} s " +
            $"({events / produced.TotalSeconds:F0}/s), all handled after {clock.Elapsed.TotalSeconds:F2} s = {throughput:F0} events/s end to end");
        Report("flat out", latencies);

        latencies.Clear();
        var paced = DateTimeOffset.UtcNow;
        var walBefore = await WalAsync(database);
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        await ProduceAsync(host, HalfTargetRate * 20, eventsPerCommit, HalfTargetRate);
        await WaitHandledAsync(latencies, HalfTargetRate * 20);
        Report($"at {HalfTargetRate}/s for 20 s", latencies);
        await ReportFromCommitAsync(database, paced);
        // What the tail competes with: this process's collections (producers, relay and consumer all live here) and the WAL written.
        Console.WriteLine($"  this process paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ms in {GC.CollectionCount(0) - collectionsBefore} " +
            $"collections; Postgres wrote {(await WalAsync(database) - walBefore) / (HalfTargetRate * 20.0):F0} bytes of WAL per event");

        // A quiet service: what one event waits when nothing else is going on.
        latencies.Clear();
        await ProduceAsync(host, 100, 1, ratePerSecond: 20);
        await WaitHandledAsync(latencies, 100);
        Report("at 20/s for 5 s, one event per commit", latencies);
        await host.StopAsync();
        return 0;
    }

    private static void Report(string phase, ConcurrentQueue<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        Console.WriteLine($"{phase}: latency occurrence -> handler commit p50 {Percentiles.Of(sorted, 50):F1} ms, " +
            $"p99 {Percentiles.Of(sorted, 99):F1} ms, max {sorted[^1]:F1} ms over {sorted.Count} events");
    }

    /// <summary>
    /// The path the issue names, commit to handler commit, from the rows' write times on the database's clock: the
    /// producer's row is written one round trip before its commit, the handler's one round trip before its own.
    /// </summary>
    private static async Task ReportFromCommitAsync(string database, DateTimeOffset since)
    {
        var percentiles = await ScalarAsync<double[]>(database,
            "SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM pong.written_at - ping.written_at) * 1000) " +
            "FROM pings ping JOIN pongs pong ON pong.\"Sequence\" = ping.\"Sequence\" AND pong.written_at >= $1 WHERE ping.written_at >= $1", since);
        Console.WriteLine($"  from the producer's commit: latency commit -> handler commit p50 {percentiles[0]:F1} ms, p99 {percentiles[1]:F1} ms");
    }

    /// <summary>The server's WAL position in bytes.</summary>
    private static Task<long> WalAsync(string database) =>
        ScalarAsync<long>(database, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");

    private static async Task<T> ScalarAsync<T>(string database, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            query.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>Producers commit <paramref name="perCommit"/> rows and their events per transaction; with a rate, they pace themselves to it together.</summary>
    private static async Task ProduceAsync(IHost host, int events, int perCommit, int? ratePerSecond)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(async _ =>
        {
            // The service's own DbContext, whose commits wake the relay as in a real request.
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            int first;
            while ((first = Interlocked.Add(ref next, perCommit) - perCommit) < events)
            {
                if (ratePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds((double)first / rate);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                }

                for (var sequence = first; sequence < Math.Min(first + perCommit, events); sequence++)
                {
                    var ping = new Ping { Id = Guid.NewGuid(), Sequence = sequence };
                    db.Pings.Add(ping);
                    db.AddIntegrationEvent(new Pinged(ping.Id, sequence) { OrganizationId = Guid.Empty });
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }));
    }

    private static async Task WaitHandledAsync(ConcurrentQueue<double> latencies, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (latencies.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private static MeterListener ListenToLatency(ConcurrentQueue<double> latencies)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventBusTelemetry.Name && instrument.Name == "platform.events.latency")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => latencies.Enqueue(seconds * 1000));
        listener.Start();
        return listener;
    }

    private static IHost BuildHost(string database, string redis, bool appendOnly)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis,
            ["EventBus:Transport"] = "Redis",
            ["EventBus:StreamPrefix"] = $"bench-{Guid.NewGuid():N}",
        });
        builder.Services.AddDbContext<BenchDbContext>((services, options) => options.UseNpgsql(database)
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        builder.AddEventBus<BenchDbContext>("bench").Subscribe<Pinged, PongHandler>(appendOnly);
        return builder.Build();
    }

    private static BenchDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database).Options);
}
