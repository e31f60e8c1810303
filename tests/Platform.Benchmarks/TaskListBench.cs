using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using NpgsqlTypes;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Boots the whole AppHost, fills one project with 100 000 tasks (and 100 000 dependencies, so "blocked"
/// means something), then sends task-list requests (page of 50, a rotating mix of filters) through the
/// gateway at a fixed rate, open loop: latency counts from the moment a request was due, so a slow answer
/// cannot hide the requests queued behind it.
/// </summary>
internal static class TaskListBench
{
    private const string ProjectKey = "BENCH";
    private static readonly string[] Labels = ["backend", "frontend", "infra", "design", "docs", "security", "perf", "bug", "chore", "research"];
    private static readonly string[] Words = ["parser", "login", "cache", "schema", "report", "search", "export", "billing", "upload", "sync"];

    public static async Task<int> RunAsync(int tasks, int ratePerSecond, int seconds)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;

        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (tokens, _) = await flow.SignUpAndSignInAsync("openid projects:read projects:write", CancellationToken.None);
        var token = tokens.GetProperty("access_token").GetString()!;
        using var gateway = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = app.GetEndpoint("gateway", "http"),
        };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var created = await gateway.PostAsync("/api/projects/projects", JsonContent($$"""{"key":"{{ProjectKey}}","name":"Bench"}""")))
        {
            created.EnsureSuccessStatusCode();
        }

        var seeding = Stopwatch.StartNew();
        var assignees = await SeedAsync((await app.GetConnectionStringAsync("projectsdb"))!, OrganizationOf(token), tasks);
        Console.WriteLine($"seeded {tasks} tasks and {tasks} dependencies in {seeding.Elapsed.TotalSeconds:F1} s");

        string[] queries =
        [
            "",
            "state=In%20Progress",
            $"assignee={assignees[0]}",
            "label=security",
            "q=billing",
            "dueBefore=2027-01-15",
            "blocked=true",
            "category=todo&label=bug",
            "sort=priority",
            "state=Todo&label=infra&blocked=false",
        ];
        await MaxThroughputAsync(gateway, queries, TimeSpan.FromSeconds(30)); // warm-up: the JIT's tiers settle, pools fill, caches warm
        using var direct = new HttpClient { BaseAddress = app.GetEndpoint("projects", "http") };
        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await SequentialAsync(direct, "/", ["projects", $"projects/{ProjectKey}", $"projects/{ProjectKey}/tasks?limit=50"]);
        await SequentialAsync(gateway, "/api/projects/", ["projects", $"projects/{ProjectKey}", $"projects/{ProjectKey}/tasks?limit=50"]);
        await SequentialAsync(gateway, $"/api/projects/projects/{ProjectKey}/tasks?limit=50&", queries);
        await MaxThroughputAsync(gateway, queries, TimeSpan.FromSeconds(15));
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_HOLD_SECONDS"), out var hold))
        {
            Console.WriteLine($"holding {hold} s; database: {await app.GetConnectionStringAsync("projectsdb")}; organization {OrganizationOf(token)}");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        var samples = await RunAtRateAsync(gateway, queries, ratePerSecond, seconds);
        Report(samples, queries, ratePerSecond, seconds);
        return 0;
    }

    /// <summary>Each query alone, one request at a time: what a filter costs without load.</summary>
    private static async Task SequentialAsync(HttpClient client, string prefix, string[] queries)
    {
        Console.WriteLine($"one request at a time, {client.BaseAddress}{prefix}...:");
        foreach (var query in queries)
        {
            var samples = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(prefix + query);
                await response.Content.LoadIntoBufferAsync();
                response.EnsureSuccessStatusCode();
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            samples.Sort();
            Console.WriteLine($"  {(query.Length == 0 ? "(no filter)" : query),-40} p50 {Percentiles.Of(samples, 50),7:F2} ms  p99 {Percentiles.Of(samples, 99),7:F2} ms");
        }
    }

    /// <summary>16 callers back to back for a while: the most requests per second the graph answers on this machine.</summary>
    private static async Task MaxThroughputAsync(HttpClient gateway, string[] queries, TimeSpan duration)
    {
        var count = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                using var response = await gateway.GetAsync($"/api/projects/projects/{ProjectKey}/tasks?limit=50&{queries[i % queries.Length]}");
                await response.Content.LoadIntoBufferAsync();
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref count);
            }
        })));
        Console.WriteLine($"closed loop, 16 callers: {count} requests in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s = {count / Stopwatch.GetElapsedTime(started).TotalSeconds:F0} requests/s");
    }

    /// <summary>Fires request i at start + i / rate, whether or not earlier ones have answered.</summary>
    private static async Task<List<(int Query, double Milliseconds, bool Ok)>> RunAtRateAsync(HttpClient gateway, string[] queries, int ratePerSecond, int seconds)
    {
        var results = new ConcurrentBag<(int, double, bool)>();
        var total = ratePerSecond * seconds;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / ratePerSecond);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.Yield();
                }
            }

            var query = i % queries.Length;
            inFlight.Add(Task.Run(async () =>
            {
                using var response = await gateway.GetAsync($"/api/projects/projects/{ProjectKey}/tasks?limit=50&{queries[query]}");
                await response.Content.LoadIntoBufferAsync();
                results.Add((query, Stopwatch.GetElapsedTime(due).TotalMilliseconds, response.IsSuccessStatusCode));
            }));
        }

        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        Console.WriteLine($"  {total} requests in {elapsed.TotalSeconds:F2} s ({total / elapsed.TotalSeconds:F0}/s)");
        return [.. results];
    }

    private static void Report(List<(int Query, double Milliseconds, bool Ok)> samples, string[] queries, int ratePerSecond, int seconds)
    {
        var all = samples.Select(s => s.Milliseconds).Order().ToList();
        Console.WriteLine($"task list, page of 50 through the gateway, {ratePerSecond} requests/s for {seconds} s: " +
            $"p50 {Percentiles.Of(all, 50):F2} ms, p99 {Percentiles.Of(all, 99):F2} ms, max {all[^1]:F2} ms, failed {samples.Count(s => !s.Ok)}");
        for (var q = 0; q < queries.Length; q++)
        {
            var these = samples.Where(s => s.Query == q).Select(s => s.Milliseconds).Order().ToList();
            Console.WriteLine($"  {(queries[q].Length == 0 ? "(no filter)" : queries[q]),-40} p50 {Percentiles.Of(these, 50),7:F2} ms  p99 {Percentiles.Of(these, 99),7:F2} ms");
        }
    }

    /// <summary>
    /// Binary COPY of the tasks straight into the database (as the organization, for row-level security):
    /// random states, assignees, priorities, labels and due dates; each task after the first waits on one
    /// of the 200 before it. Returns the assignees.
    /// </summary>
    private static async Task<Guid[]> SeedAsync(string connectionString, Guid organization, int count)
    {
        var random = new Random(7);
        var assignees = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand($"SET app.current_organization = '{organization}'", connection))
        {
            await scope.ExecuteNonQueryAsync();
        }

        var project = await ScalarAsync<Guid>(connection, $"SELECT id FROM projects WHERE key = '{ProjectKey}'");
        var states = new List<Guid>();
        await using (var read = new NpgsqlCommand($"SELECT id FROM workflow_states WHERE project_id = '{project}' ORDER BY position", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                states.Add(reader.GetGuid(0));
            }
        }

        var ids = new Guid[count];
        var now = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY tasks (id, organization_id, project_id, number, title, description, state_id, assignee_id, priority, labels, due_date, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                ids[i] = Guid.CreateVersion7();
                await copy.StartRowAsync();
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await copy.WriteAsync(organization, NpgsqlDbType.Uuid);
                await copy.WriteAsync(project, NpgsqlDbType.Uuid);
                await copy.WriteAsync(i + 1, NpgsqlDbType.Integer);
                await copy.WriteAsync($"{Words[random.Next(Words.Length)]} task {i + 1}", NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync(states[random.Next(states.Count)], NpgsqlDbType.Uuid);
                if (random.Next(4) == 0)
                {
                    await copy.WriteNullAsync();
                }
                else
                {
                    await copy.WriteAsync(assignees[random.Next(assignees.Length)], NpgsqlDbType.Uuid);
                }

                await copy.WriteAsync((short)random.Next(1, 6), NpgsqlDbType.Smallint);
                await copy.WriteAsync(Labels.Where(_ => random.Next(5) == 0).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(-30, 120)), NpgsqlDbType.Date);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY task_dependencies (id, organization_id, predecessor_id, successor_id, type, lag_days, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 1; i < count; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(organization, NpgsqlDbType.Uuid);
                await copy.WriteAsync(ids[Math.Max(0, i - 1 - random.Next(200))], NpgsqlDbType.Uuid);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await copy.WriteAsync("FinishToStart", NpgsqlDbType.Varchar);
                await copy.WriteAsync(0.0, NpgsqlDbType.Double);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var finish = new NpgsqlCommand($"UPDATE projects SET next_task_number = {count + 1} WHERE id = '{project}'; ANALYZE tasks; ANALYZE task_dependencies;", connection))
        {
            await finish.ExecuteNonQueryAsync();
        }

        return assignees;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The organization in the access token (claim <c>org</c>); the bench reads its own token, it does not verify it.</summary>
    private static Guid OrganizationOf(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("org").GetGuid();
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");
}
