using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The web client through the whole graph, in Debian's Chromium: the first load of a board of 500 tasks (until its cards
/// are shown and the page is connected) against an empty board's (the floor: the page, the framework and the circuit),
/// with the bytes each load transfers; a change made through the API until the other browser's board shows it, against
/// the API call's own round trip; and the timeline of a 2,000-task project with its dependencies, to drawn and after a move.
/// </summary>
internal static class WebBench
{
    private const string ChromiumPath = "/usr/bin/chromium";

    // A long timeline draws the rows in view and a margin (RowWindow): ready when it has all n rows and draws its window.
    private const string TimelineReady = """
        n => { const c = document.querySelector('.timeline-chart');
               return c && Number(c.dataset.rows) === n && c.querySelectorAll('.bar').length === Number(c.dataset.last) - Number(c.dataset.first) + 1
                   && document.querySelector('.timeline-toolbar select')?.disabled === false; }
        """;

    public static async Task<int> RunAsync(int boardTasks, int ganttTasks, int loads, int moves)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        foreach (var service in new[] { "identity", "web" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service).WaitAsync(TimeSpan.FromMinutes(3));
        }

        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (tokens, email) = await flow.SignUpAndSignInAsync("openid projects:read projects:write", CancellationToken.None);
        using var api = new HttpClient { BaseAddress = new Uri(app.GetEndpoint("gateway", "http"), "/api/projects/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var seeding = Stopwatch.StartNew();
        await SeedAsync(api, boardTasks, ganttTasks);
        Console.WriteLine($"seeded {boardTasks} board tasks and {ganttTasks} scheduled tasks with {ganttTasks - 1} dependencies in {seeding.Elapsed.TotalSeconds:F1} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        var web = app.GetEndpoint("web", "http");
        await using var watcher = await SignInAsync(browser, web, email);
        await using var loader = await SignInAsync(browser, web, email);

        const string BoardReady = "n => document.querySelectorAll('[data-task]').length >= n && document.querySelector('[aria-label=\"New task title\"]')?.disabled === false";
        // The seeded tasks' events keep the services busy (indexing, automation) for a while: loads measured then would
        // measure that work, and the first page loaded the most of it.
        var settled = Stopwatch.StartNew();
        var idle = await MachineIdle.WaitAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"waited {settled.Elapsed.TotalSeconds:F0} s for the machine to settle (idle {idle:P0})");
        var (empty, board, gantt) = await LoadsAsync(loader, loads,
            new("/projects/EMPTY", BoardReady, 0), new("/projects/BOARD", BoardReady, boardTasks), new("/projects/GANTT/timeline", TimelineReady, ganttTasks));
        Console.WriteLine();
        Console.WriteLine("| first load (cache off) | HTML p50 | circuit negotiated p50 | ready p50 | ready max | HTTP bytes (wire) | circuit bytes (decompressed) | circuit bytes deflated (≈ wire) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, result) in new[] { ("empty board (floor)", empty), ($"board of {boardTasks} tasks", board), ($"timeline of {ganttTasks} tasks", gantt) })
        {
            Console.WriteLine($"| {name} | {P(result.Html, 50):F0} ms | {P(result.Negotiated, 50):F0} ms | {P(result.Times, 50):F0} ms | {result.Times.Max():F0} ms | " +
                $"{result.HttpBytes / 1024.0:F0} KB | {result.SocketBytes / 1024.0:F0} KB | {result.SocketBytesDeflated / 1024.0:F0} KB |");
        }
        Console.WriteLine($"board of {boardTasks} / empty board: {P(board.Times, 50) / P(empty.Times, 50):F2}x");

        // Each move takes a card that has not been moved yet, so its new column is one the page has never shown it in.
        moves = Math.Min(moves, boardTasks - 5);
        var (live, roundTrips) = await LiveUpdatesAsync(watcher, api, moves);
        Console.WriteLine();
        Console.WriteLine($"live update, API change to the other browser's board ({moves} moves): p50 {P(live, 50):F0} ms, p99 {P(live, 99):F0} ms, max {live.Max():F0} ms");
        Console.WriteLine($"the API call alone (floor): p50 {P(roundTrips, 50):F0} ms, p99 {P(roundTrips, 99):F0} ms");

        var redraws = await TimelineMovesAsync(loader, ganttTasks, Math.Min(moves, 20));
        Console.WriteLine($"timeline of {ganttTasks}: a bar moved by a key to the schedule recomputed and redrawn: p50 {P(redraws, 50):F0} ms, max {redraws.Max():F0} ms");
        return 0;
    }

    private static double P(double[] values, double percentile) => Percentiles.Of([.. values.Order()], percentile);

    /// <summary>Per load: until the HTML arrived, until the circuit was negotiated, until ready; and the last load's bytes.</summary>
    private sealed record LoadResult(double[] Html, double[] Negotiated, double[] Times, long HttpBytes, long SocketBytes, long SocketBytesDeflated);

    /// <summary>A page to load, and when it is ready: <see cref="Ready"/> holds for <see cref="Count"/> items shown.</summary>
    private sealed record LoadTarget(string Path, string Ready, int Count);

    /// <summary>
    /// The three pages loaded in turn, <paramref name="loads"/> times each: taking turns, a moment the machine is busier
    /// slows each page alike instead of one page's run.
    /// </summary>
    private static async Task<(LoadResult, LoadResult, LoadResult)> LoadsAsync(IBrowserContext context, int loads, LoadTarget first, LoadTarget second, LoadTarget third)
    {
        LoadTarget[] targets = [first, second, third];
        var measured = targets.Select(_ => new List<LoadResult>()).ToArray();
        // Two warm-ups first; the last round prints where its loads spent their time.
        for (var round = 0; round < loads + 2; round++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                var load = await LoadAsync(context, targets[t], print: round == loads + 1);
                if (round >= 2)
                {
                    measured[t].Add(load);
                }
            }
        }
        var results = measured.Select(list => list[^1] with
        {
            Html = [.. list.SelectMany(l => l.Html)], Negotiated = [.. list.SelectMany(l => l.Negotiated)], Times = [.. list.SelectMany(l => l.Times)],
        }).ToArray();
        return (results[0], results[1], results[2]);
    }

    /// <summary>
    /// One fresh load of a page in a new tab with the cache off, timed from the navigation's start to the target's ready
    /// condition; its bytes from the browser's network events.
    /// </summary>
    private static async Task<LoadResult> LoadAsync(IBrowserContext context, LoadTarget target, bool print)
    {
        var (path, ready, count) = target;
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        long http = 0;
        var frames = new SocketBytes();
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => http += (long)e!.Value.GetProperty("encodedDataLength").GetDouble();
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => frames.Add(e!.Value);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => frames.Add(e!.Value);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        await page.GotoAsync(path);
        try
        {
            await page.WaitForFunctionAsync(ready, count, new() { Timeout = 60_000, PollingInterval = 5 });
        }
        catch (TimeoutException)
        {
            // What the page showed instead, to see why it never got ready.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "web-bench-not-ready.png"), FullPage = true });
            throw;
        }
        var timing = await page.EvaluateAsync<double[]>("""
            () => [performance.now(), performance.getEntriesByType('navigation')[0].responseEnd,
                   performance.getEntriesByType('resource').find(r => r.name.includes('_blazor/negotiate'))?.responseEnd ?? 0]
            """);
        await page.WaitForTimeoutAsync(300); // the frames still in flight are counted too
        if (print)
        {
            // Where the last load spent its time: each resource's end and size, the document's parse and its load.
            Console.WriteLine(await page.EvaluateAsync<string>("""
                () => {
                    const n = performance.getEntriesByType('navigation')[0];
                    const lines = performance.getEntriesByType('resource').map(r =>
                        `  ${r.startTime.toFixed(0)}–${r.responseEnd.toFixed(0)} ms ${(r.encodedBodySize / 1024).toFixed(0)}/${(r.decodedBodySize / 1024).toFixed(0)} KB ${r.name.replace(location.origin, '')}`);
                    return `${location.pathname}: html ${n.responseEnd.toFixed(0)} ms, DOMContentLoaded ${n.domContentLoadedEventEnd.toFixed(0)} ms, load ${n.loadEventEnd.toFixed(0)} ms\n${lines.join('\n')}`;
                }
                """));
        }
        await page.CloseAsync();
        return new LoadResult([timing[1]], [timing[2]], [timing[0]], http, frames.Plain, frames.Deflated());
    }

    /// <summary>
    /// The circuit's frames as the page got them (decompressed), and an estimate of their size on the wire: the WebSocket
    /// compression keeps its window across messages, so deflating them one after another in a single stream comes close.
    /// </summary>
    private sealed class SocketBytes
    {
        private readonly List<byte[]> _payloads = [];

        public long Plain => _payloads.Sum(p => (long)p.Length);

        public void Add(JsonElement frame)
        {
            var response = frame.GetProperty("response");
            var payload = response.GetProperty("payloadData").GetString() ?? "";
            var bytes = response.GetProperty("opcode").GetDouble() == 2 ? Convert.FromBase64String(payload) : System.Text.Encoding.UTF8.GetBytes(payload);
            lock (_payloads)
            {
                _payloads.Add(bytes);
            }
        }

        public long Deflated()
        {
            using var compressed = new MemoryStream();
            using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                foreach (var payload in _payloads)
                {
                    deflate.Write(payload);
                }
            }
            return compressed.Length;
        }
    }

    /// <summary>
    /// Tasks moved through the API one after another while a board is open in the other browser; each timed from just
    /// before the call to the moment the board's DOM has the card in its new column (a MutationObserver in the page).
    /// </summary>
    private static async Task<(double[] Live, double[] RoundTrips)> LiveUpdatesAsync(IBrowserContext context, HttpClient api, int moves)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects/BOARD");
        await page.WaitForFunctionAsync("() => document.querySelector('[aria-label=\"New task title\"]')?.disabled === false", null, new() { Timeout = 60_000 });
        await page.EvaluateAsync("""
            () => {
                window.seen = {};
                new MutationObserver(() => {
                    for (const card of document.querySelectorAll('[data-task]')) {
                        const column = card.closest('[role=region]')?.getAttribute('aria-label');
                        const key = card.dataset.task + ':' + column;
                        if (!(key in window.seen)) window.seen[key] = Date.now();
                    }
                }).observe(document.body, { childList: true, subtree: true });
            }
            """);
        var live = new List<double>();
        var roundTrips = new List<double>();
        for (var i = 0; i < moves + 5; i++)
        {
            var key = $"BOARD-{i + 1}";
            const string state = "Done";
            var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var call = Stopwatch.StartNew();
            using (var moved = await api.PatchAsJsonAsync($"tasks/{key}", new { state }))
            {
                moved.EnsureSuccessStatusCode();
            }
            var roundTrip = call.Elapsed.TotalMilliseconds;
            var shown = await page.WaitForFunctionAsync("k => window.seen[k]", $"{key}:{state}", new() { Timeout = 30_000, PollingInterval = 5 });
            if (i >= 5)
            {
                live.Add(await shown.JsonValueAsync<double>() - started);
                roundTrips.Add(roundTrip);
            }
            await Task.Delay(50);
        }
        await page.CloseAsync();
        return ([.. live], [.. roundTrips]);
    }

    /// <summary>A bar near the top moved a day to the right by key, timed until its redrawn position is in the DOM.</summary>
    private static async Task<double[]> TimelineMovesAsync(IBrowserContext context, int count, int moves)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects/GANTT/timeline");
        await page.WaitForFunctionAsync(TimelineReady, count, new() { Timeout = 60_000 });
        var times = new List<double>();
        for (var i = 0; i < moves; i++)
        {
            var bar = page.Locator(".timeline-chart .bar[data-key='GANTT-2']");
            var before = await bar.Locator(".shape").GetAttributeAsync("x");
            await bar.FocusAsync();
            var started = await page.EvaluateAsync<double>("() => performance.now()");
            await page.Keyboard.PressAsync("ArrowRight");
            var redrawn = await page.WaitForFunctionAsync(
                "x => { const s = document.querySelector(\".timeline-chart .bar[data-key='GANTT-2'] .shape\"); return s.getAttribute('x') !== x && performance.now(); }",
                before, new() { Timeout = 30_000, PollingInterval = 5 });
            times.Add(await redrawn.JsonValueAsync<double>() - started);
        }
        await page.CloseAsync();
        return [.. times];
    }

    internal static async Task<IBrowserContext> SignInAsync(IBrowser browser, Uri web, string email)
    {
        // Without the service worker, whose cache would answer the page's requests and hide their bytes.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.ToString(), ServiceWorkers = ServiceWorkerPolicy.Block });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(SignInFlow.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    /// <summary>
    /// Through the API, eight calls at a time: an empty project, a board of tasks with labels and priorities, and a project of
    /// estimated tasks where each after the first waits on one of the 40 before it (all four dependency types, some lags).
    /// </summary>
    private static async Task SeedAsync(HttpClient api, int boardTasks, int ganttTasks)
    {
        foreach (var (key, name) in new[] { ("EMPTY", "Empty"), ("BOARD", "Board"), ("GANTT", "Schedule") })
        {
            using var created = await api.PostAsJsonAsync("projects", new { key, name, startDate = "2027-01-04" });
            created.EnsureSuccessStatusCode();
        }
        string[] labels = ["backend", "frontend", "infra", "docs", "bug"];
        string[] priorities = ["urgent", "high", "medium", "low", "none"];
        await Parallel.ForAsync(0, boardTasks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var created = await api.PostAsJsonAsync("projects/BOARD/tasks",
                new { title = $"Board task {i}", priority = priorities[i % 5], labels = new[] { labels[i % 5] } }, cancellationToken);
            created.EnsureSuccessStatusCode();
        });
        // Sequential numbers matter for the dependencies: created one after another in batches of eight.
        await Parallel.ForAsync(0, ganttTasks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var days = 1 + i % 7;
            using var created = await api.PostAsJsonAsync("projects/GANTT/tasks",
                new { title = $"Scheduled task {i}", optimisticDays = days, mostLikelyDays = days + 1, pessimisticDays = days + 3 }, cancellationToken);
            created.EnsureSuccessStatusCode();
        });
        var random = new Random(11);
        string[] types = ["finish-to-start", "finish-to-start", "finish-to-start", "start-to-start", "finish-to-finish", "start-to-finish"];
        await Parallel.ForAsync(2, ganttTasks + 1, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (number, cancellationToken) =>
        {
            int predecessor;
            lock (random)
            {
                predecessor = Math.Max(1, number - 1 - random.Next(40));
            }
            using var added = await api.PostAsJsonAsync($"tasks/GANTT-{number}/dependencies",
                new { predecessor = $"GANTT-{predecessor}", type = types[number % types.Length], lagDays = number % 5 == 0 ? 1 : 0 }, cancellationToken);
            added.EnsureSuccessStatusCode();
        });
    }
}
