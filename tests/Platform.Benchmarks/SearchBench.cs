using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Boots the whole AppHost, creates an organization with 10 000 tasks and 1 000 documents through the REST API (so the
/// AI service indexes them from their events, as in production), waits for the index to hold them all, then measures
/// MCP tools/call latency through the gateway with the official C# client: a read tool (get_task) and the search tool,
/// one call at a time.
/// </summary>
internal static class SearchBench
{
    private const string ProjectKey = "SEEK";

    private static readonly string[] Nouns =
    [
        "parser", "login", "cache", "schema", "report", "search", "export", "billing", "upload", "sync", "invoice", "dashboard",
        "webhook", "token", "session", "replica", "queue", "worker", "migration", "index", "gateway", "tenant", "backup", "deploy",
        "chart", "sprint", "comment", "mention", "badge", "theme", "locale", "printer", "calendar", "timezone", "payment", "refund",
    ];

    private static readonly string[] Verbs = ["fix", "add", "remove", "speed up", "document", "refactor", "test", "monitor", "migrate", "review"];

    private static readonly string[] Qualities = ["slow", "flaky", "broken", "missing", "duplicated", "stale", "insecure", "confusing", "large", "new"];

    public static async Task<int> RunAsync(int tasks, int documents, int calls)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (tokens, _) = await flow.SignUpAndSignInAsync("openid projects:read projects:write docs:read docs:write", CancellationToken.None);
        var token = tokens.GetProperty("access_token").GetString()!;
        using var gateway = new HttpClient { BaseAddress = app.GetEndpoint("gateway", "http") };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await gateway.PostAsJsonAsync("/api/projects/projects", new { key = ProjectKey, name = "Search bench" })).EnsureSuccessStatusCode();

        var random = new Random(11);
        var taskBodies = Enumerable.Range(0, tasks).Select(_ => new { title = Sentence(random, 4, 8), description = Paragraph(random, 2, 5) }).ToArray();
        var documentBodies = Enumerable.Range(0, documents).Select(i => new
        {
            project = ProjectKey, title = $"Design {i}: {Sentence(random, 2, 4)}", type = "design_doc",
            content = string.Join("\n\n", Enumerable.Range(0, random.Next(4, 12)).Select(_ => Paragraph(random, 3, 8))),
        }).ToArray();
        var seeding = Stopwatch.StartNew();
        await ParallelAsync(tasks, async i => (await gateway.PostAsJsonAsync($"/api/projects/projects/{ProjectKey}/tasks", taskBodies[i])).EnsureSuccessStatusCode());
        await ParallelAsync(documents, async i => (await gateway.PostAsJsonAsync("/api/collaboration/documents", documentBodies[i])).EnsureSuccessStatusCode());
        Console.WriteLine($"created {tasks} tasks and {documents} documents in {seeding.Elapsed.TotalSeconds:F1} s");

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.GetEndpoint("gateway", "http"), "/api/ai/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));
        // Every task and document reaches the index; the last document's title is the mark.
        var lastDocument = $"Design {documents - 1}";
        while (!(await CallAsync(client, "search", new() { ["query"] = $"\"{lastDocument}\"", ["kind"] = "documents" })).Contains(lastDocument + ":", StringComparison.Ordinal))
        {
            await Task.Delay(1000);
        }
        Console.WriteLine($"indexed after {seeding.Elapsed.TotalSeconds:F1} s");

        string[] queries = [.. Enumerable.Range(0, 50).Select(_ => random.Next(3) switch
        {
            0 => $"{Qualities[random.Next(Qualities.Length)]} {Nouns[random.Next(Nouns.Length)]}",
            1 => $"how do we {Verbs[random.Next(Verbs.Length)]} the {Nouns[random.Next(Nouns.Length)]} {Nouns[random.Next(Nouns.Length)]}",
            _ => Nouns[random.Next(Nouns.Length)],
        })];
        await MeasureAsync(client, "get_task", Math.Min(calls, 100), i => new() { ["key"] = $"{ProjectKey}-{1 + random.Next(tasks)}" }, print: false); // warm-up
        await MeasureAsync(client, "search", Math.Min(calls, 100), i => new() { ["query"] = queries[i % queries.Length] }, print: false);
        await MeasureAsync(client, "get_task", calls, i => new() { ["key"] = $"{ProjectKey}-{1 + random.Next(tasks)}" }, print: true);
        await MeasureAsync(client, "search", calls, i => new() { ["query"] = queries[i % queries.Length] }, print: true);
        await MeasureAsync(client, "search", calls, i => new() { ["query"] = queries[i % queries.Length], ["kind"] = "tasks", ["project"] = ProjectKey }, print: true, label: "search (tasks of one project)");
        return 0;
    }

    private static async Task MeasureAsync(McpClient client, string tool, int calls, Func<int, Dictionary<string, object?>> arguments, bool print, string? label = null)
    {
        var samples = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await CallAsync(client, tool, arguments(i));
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        samples.Sort();
        if (print)
        {
            Console.WriteLine($"tools/call {label ?? tool}, {calls} calls one at a time through the gateway: p50 {Percentiles.Of(samples, 50):F1} ms, p99 {Percentiles.Of(samples, 99):F1} ms, max {samples[^1]:F1} ms");
        }
    }

    private static async Task<string> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        return result.IsError == true ? throw new InvalidOperationException($"{tool} failed: {text}") : text;
    }

    /// <summary>Eight requests in flight at a time.</summary>
    private static Task ParallelAsync(int count, Func<int, Task> create) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await create(i));

    private static string Sentence(Random random, int min, int max)
    {
        var words = new StringBuilder(Verbs[random.Next(Verbs.Length)]);
        var count = random.Next(min, max + 1);
        for (var i = 1; i < count; i++)
        {
            words.Append(' ').Append(i % 3 == 1 ? Qualities[random.Next(Qualities.Length)] : Nouns[random.Next(Nouns.Length)]);
        }
        return words.ToString();
    }

    private static string Paragraph(Random random, int min, int max) =>
        string.Join(" ", Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Sentence(random, 6, 14) + "."));
}
