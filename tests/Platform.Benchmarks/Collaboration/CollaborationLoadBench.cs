using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.Benchmarks.Collaboration;

/// <summary>
/// Live editing under load on one collaboration instance (connected to directly, as the issue asks, so the gateway and
/// the local proxies do not eat the two cores): many documents with several editors each typing at a fixed rate (open
/// loop per editor), then one crowded document. Reports submit→ack and submit→seen-by-others percentiles, the committed
/// rate, and the memory an idle connection costs the instance (resident set growth from the second half of the clients).
/// </summary>
internal static class CollaborationLoadBench
{
    public static async Task<int> RunAsync(int documents, int editorsPerDocument, double opsPerSecond, int seconds, int crowd)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        await app.ResourceNotifications.WaitForResourceHealthyAsync("collaboration").WaitAsync(TimeSpan.FromMinutes(3));
        var gateway = app.GetEndpoint("gateway", "http");
        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (tokens, _) = await flow.SignUpAndSignInAsync("openid projects:read projects:write docs:read docs:write", CancellationToken.None);
        var token = tokens.GetProperty("access_token").GetString()!;
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.PostAsJsonAsync("/api/projects/projects", new { key = "LOAD", name = "Load" })).EnsureSuccessStatusCode();

        var ids = new List<Guid>();
        for (var i = 0; i < documents + 1; i++)
        {
            using var created = await http.PostAsJsonAsync("/api/collaboration/documents", new { project = "LOAD", title = $"Doc {i}", type = "notes", content = "" });
            created.EnsureSuccessStatusCode();
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var (hubUrl, instance) = await OneInstanceAsync(app);
        Console.WriteLine($"Connecting to {hubUrl} (process {instance})");
        var recorder = new LoadRecorder();
        var editors = new List<BenchEditor>();
        var connecting = Stopwatch.StartNew();
        // The first half warms the instance up (JIT, pools, heaps); the second half's growth is what a connection costs.
        var total = documents * editorsPerDocument;
        // BENCH_HOLD_SECONDS: a longer quiet moment at both points, for a heap dump of the instance (dotnet-gcdump).
        var settle = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("BENCH_HOLD_SECONDS"), out var hold) ? hold : 5);
        long before = 0;
        foreach (var batch in Enumerable.Range(0, total).Chunk(50))
        {
            editors.AddRange(await Task.WhenAll(batch.Select(i => BenchEditor.OpenAsync(hubUrl, token, ids[i / editorsPerDocument], recorder))));
            if (before == 0 && editors.Count >= total / 2)
            {
                Console.WriteLine($"{editors.Count} editors connected");
                await Task.Delay(settle);
                before = ResidentBytes(instance);
            }
        }
        Console.WriteLine($"{editors.Count} editors connected");
        await Task.Delay(settle);
        var after = ResidentBytes(instance);
        var measured = editors.Count - total / 2;
        Console.WriteLine($"{editors.Count} editors connected and joined in {connecting.Elapsed.TotalSeconds:F1} s; the last {measured} grew the instance by " +
            $"{(after - before) / 1024.0 / 1024:F1} MiB resident: {(after - before) / 1024.0 / measured:F1} KiB per idle connection");

        await TypeAsync(editors, opsPerSecond, TimeSpan.FromSeconds(10), recorder, record: false);
        await TypeAsync(editors, opsPerSecond, TimeSpan.FromSeconds(seconds), recorder, record: true);
        Report($"{documents} documents x {editorsPerDocument} editors at {opsPerSecond} ops/s each", recorder, seconds);
        await Task.WhenAll(editors.Select(e => e.StopAsync()));

        var crowded = new List<BenchEditor>();
        foreach (var batch in Enumerable.Range(0, crowd).Chunk(50))
        {
            crowded.AddRange(await Task.WhenAll(batch.Select(_ => BenchEditor.OpenAsync(hubUrl, token, ids[^1], recorder))));
        }
        await TypeAsync(crowded, 1, TimeSpan.FromSeconds(5), recorder, record: false);
        await TypeAsync(crowded, 1, TimeSpan.FromSeconds(seconds), recorder, record: true);
        Report($"one document x {crowd} editors at 1 op/s each", recorder, seconds);
        await Task.WhenAll(crowded.Select(e => e.StopAsync()));
        return recorder.Failures == 0 ? 0 : 1;
    }

    /// <summary>Each editor types on its own schedule (a fixed interval from a random start), whatever the answers' latency.</summary>
    private static async Task TypeAsync(List<BenchEditor> editors, double opsPerSecond, TimeSpan duration, LoadRecorder recorder, bool record)
    {
        recorder.Take();
        recorder.Recording = record;
        var interval = TimeSpan.FromSeconds(1 / opsPerSecond);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(editors.Select((editor, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds));
            using var timer = new PeriodicTimer(interval);
            while (Stopwatch.GetTimestamp() < end && await timer.WaitForNextTickAsync())
            {
                editor.Type(random);
            }
        })));
        await Task.Delay(TimeSpan.FromSeconds(2));
        recorder.Recording = false;
    }

    private static void Report(string scenario, LoadRecorder recorder, int seconds)
    {
        var (acks, seen) = recorder.Take();
        Console.WriteLine($"{scenario}: {acks.Count / (double)seconds:F0} submissions/s acknowledged, {recorder.Failures} failures {recorder.LastFailure?.Message}");
        if (acks.Count > 0 && seen.Count > 0)
        {
            Console.WriteLine($"  submit→ack   p50 {Percentiles.Of(acks, 50):F1} ms, p99 {Percentiles.Of(acks, 99):F1} ms, max {acks[^1]:F1} ms ({acks.Count} samples)");
            Console.WriteLine($"  submit→seen  p50 {Percentiles.Of(seen, 50):F1} ms, p99 {Percentiles.Of(seen, 99):F1} ms, max {seen[^1]:F1} ms ({seen.Count} samples)");
        }
    }

    /// <summary>The hub of one collaboration replica, straight to its port (from the environment the AppHost gave it), and its process id.</summary>
    private static async Task<(Uri HubUrl, int ProcessId)> OneInstanceAsync(Aspire.Hosting.DistributedApplication app)
    {
        await foreach (var change in app.ResourceNotifications.WatchAsync())
        {
            if (change.Resource.Name == "collaboration" && change.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value is { } urls)
            {
                var setting = $"ASPNETCORE_URLS={urls}";
                // The replica's own process (not the "dotnet run" that started it) is the one with that environment.
                var process = Process.GetProcesses().First(p => ReadProc(p.Id, "cmdline").Split('\0')[0].EndsWith("/Collaboration", StringComparison.Ordinal)
                    && ReadProc(p.Id, "environ").Split('\0').Contains(setting));
                return (new Uri(new Uri(urls.Split(';')[0]), "/hubs/documents"), process.Id);
            }
        }
        throw new InvalidOperationException("No collaboration replica is running.");
    }

    private static string ReadProc(int processId, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static long ResidentBytes(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.WorkingSet64;
    }
}
