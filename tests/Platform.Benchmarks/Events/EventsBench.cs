using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Data;
using Platform.EventBus;
using Platform.EventBus.Outbox;
using Platform.Testing;

namespace Platform.Benchmarks.Events;

/// <summary>
/// End to end through the real path on the AppHost's local Postgres and Redis: producers commit a row
/// and its event (one transaction per event), the relay publishes the outbox to a Redis stream, the
/// consumer handles each event in its own transaction (inbox record + one row). Reports the sustained
/// rate with producers flat out, then the latency (occurrence to handler commit) at half that rate.
/// </summary>
internal static class EventsBench
{
    private const int Producers = 8;

    public static async Task<int> RunAsync(int events)
    {
        await using var servers = await LocalServers.StartAsync(["eventsbench"], CancellationToken.None);
        var database = await servers.ConnectionStringAsync("eventsbench", CancellationToken.None);
        await using (var schema = Context(database))
        {
            await schema.Database.EnsureDeletedAsync();
            await schema.Database.EnsureCreatedAsync();
        }

        var latencies = new ConcurrentQueue<double>();
        using var listener = ListenToLatency(latencies);
        using var host = BuildHost(database, await servers.ConnectionStringAsync("cache", CancellationToken.None));
        await host.StartAsync();

        await ProduceAsync(host, events / 10, ratePerSecond: null); // warm-up
        await WaitHandledAsync(latencies, events / 10);
        latencies.Clear();

        var clock = Stopwatch.StartNew();
        await ProduceAsync(host, events, ratePerSecond: null);
        var produced = clock.Elapsed;
        await WaitHandledAsync(latencies, events);
        var throughput = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"flat out: {events} events, {Producers} producers, committed in {produced.TotalSeconds:F2} s " +
            $"({events / produced.TotalSeconds:F0}/s), all handled after {clock.Elapsed.TotalSeconds:F2} s = {throughput:F0} events/s end to end");
        Report("flat out", latencies);

        var halfRate = (int)(throughput / 2);
        latencies.Clear();
        await ProduceAsync(host, halfRate * 10, halfRate);
        await WaitHandledAsync(latencies, halfRate * 10);
        Report($"at {halfRate}/s for 10 s", latencies);
        await host.StopAsync();
        return 0;
    }

    private static void Report(string phase, ConcurrentQueue<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        Console.WriteLine($"{phase}: latency commit -> handler commit p50 {Percentiles.Of(sorted, 50):F1} ms, " +
            $"p99 {Percentiles.Of(sorted, 99):F1} ms, max {sorted[^1]:F1} ms over {sorted.Count} events");
    }

    /// <summary>Producers commit one event each transaction; with a rate, they pace themselves to it together.</summary>
    private static async Task ProduceAsync(IHost host, int events, int? ratePerSecond)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(async _ =>
        {
            // The service's own DbContext, whose commits wake the relay as in a real request.
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            int sequence;
            while ((sequence = Interlocked.Increment(ref next)) < events)
            {
                if (ratePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds((double)sequence / rate);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                }

                var ping = new Ping { Id = Guid.NewGuid(), Sequence = sequence };
                db.Pings.Add(ping);
                db.AddIntegrationEvent(new Pinged(ping.Id, sequence) { OrganizationId = Guid.Empty });
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

    private static IHost BuildHost(string database, string redis)
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
        builder.AddEventBus<BenchDbContext>("bench").Subscribe<Pinged, PongHandler>();
        return builder.Build();
    }

    private static BenchDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database).Options);
}
