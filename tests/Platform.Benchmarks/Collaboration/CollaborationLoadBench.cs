using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.Benchmarks.Collaboration;

/// <summary>
/// Live editing under load through the gateway: many documents with several editors each typing at a fixed rate
/// (open loop per editor), then one crowded document. Reports submit→ack and submit→seen-by-others percentiles, the
/// committed rate, and the memory an idle connection costs the collaboration instances (resident set growth).
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

        var recorder = new LoadRecorder();
        var before = CollaborationMemory();
        var editors = new List<BenchEditor>();
        var connecting = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, documents * editorsPerDocument).Chunk(50))
        {
            editors.AddRange(await Task.WhenAll(batch.Select(i => BenchEditor.OpenAsync(gateway, token, ids[i / editorsPerDocument], recorder))));
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = CollaborationMemory();
        Console.WriteLine($"{editors.Count} editors connected and joined in {connecting.Elapsed.TotalSeconds:F1} s; collaboration instances grew by " +
            $"{(after - before) / 1024.0 / 1024:F1} MiB resident: {(after - before) / 1024.0 / editors.Count:F1} KiB per idle connection");

        await TypeAsync(editors, opsPerSecond, TimeSpan.FromSeconds(10), recorder, record: false);
        await TypeAsync(editors, opsPerSecond, TimeSpan.FromSeconds(seconds), recorder, record: true);
        Report($"{documents} documents x {editorsPerDocument} editors at {opsPerSecond} ops/s each", recorder, seconds);
        await Task.WhenAll(editors.Select(e => e.StopAsync()));

        var crowded = new List<BenchEditor>();
        foreach (var batch in Enumerable.Range(0, crowd).Chunk(50))
        {
            crowded.AddRange(await Task.WhenAll(batch.Select(_ => BenchEditor.OpenAsync(gateway, token, ids[^1], recorder))));
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

    /// <summary>Resident memory of the collaboration instances (every process running Collaboration.dll), in bytes.</summary>
    private static long CollaborationMemory() => Process.GetProcesses()
        .Where(p => { try { return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains("Collaboration", StringComparison.Ordinal); } catch (IOException) { return false; } catch (UnauthorizedAccessException) { return false; } })
        .Sum(p => { p.Refresh(); return p.WorkingSet64; });
}
