using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The live editor in Debian's Chromium through the whole graph: a keystroke in one browser until the other's editor
/// shows it, against the floor of the same edit between two bare hub clients through the gateway (no browser, no web
/// relay, no WebAssembly); a keystroke until the typing browser's own editor shows it (the first animation frame whose
/// editor holds it); the editor bundle as the browser receives it; and opening (and typing in) a document of about a
/// megabyte, against opening a small one.
/// </summary>
internal static class EditorBench
{
    private const string Scopes = "openid projects:read projects:write docs:read docs:write";

    public static async Task<int> RunAsync(int keystrokes, int documentKilobytes)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        foreach (var service in new[] { "identity", "collaboration", "web" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service).WaitAsync(TimeSpan.FromMinutes(3));
        }
        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (tokens, email) = await flow.SignUpAndSignInAsync(Scopes, CancellationToken.None);
        var token = tokens.GetProperty("access_token").GetString()!;
        var gateway = app.GetEndpoint("gateway", "http");
        using var api = new HttpClient { BaseAddress = gateway };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.PostAsJsonAsync("/api/projects/projects", new { key = "EDIT", name = "Editor bench" })).EnsureSuccessStatusCode();
        var small = await CreateAsync(api, "Typing", "# Typing\n\n");
        var floorDocument = await CreateAsync(api, "Floor", "# Floor\n\n");
        var large = await CreateAsync(api, "Large", LargeMarkdown(documentKilobytes * 1024));

        var floor = await HubFloorAsync(new Uri(gateway, "/api/collaboration" + DocumentHubContract.Path), token, floorDocument, keystrokes);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var web = app.GetEndpoint("web", "http");
        await using var typistContext = await WebBench.SignInAsync(browser, web, email);
        await using var watcherContext = await WebBench.SignInAsync(browser, web, email);
        var typist = await OpenAsync(typistContext, small, 0);
        var watcher = await OpenAsync(watcherContext, small, 0);
        var (remote, local) = await KeystrokesAsync(typist, watcher, keystrokes);

        var bundle = await BundleBytesAsync(web);
        var largeLength = (await api.GetFromJsonAsync<JsonElement>($"/api/collaboration/documents/{large}")).GetProperty("content").GetString()!.Length;
        var smallOpens = new List<double>();
        for (var load = 0; load < 4; load++)
        {
            var started = Stopwatch.StartNew();
            await (await OpenAsync(typistContext, floorDocument, 0)).CloseAsync();
            smallOpens.Add(started.Elapsed.TotalMilliseconds);
        }
        var opens = new List<double>();
        IPage? largePage = null;
        for (var load = 0; load < 4; load++)
        {
            var started = Stopwatch.StartNew();
            largePage = await OpenAsync(typistContext, large, largeLength);
            opens.Add(started.Elapsed.TotalMilliseconds);
            if (load < 3)
            {
                await largePage.CloseAsync();
            }
        }
        var (_, largeLocal) = await KeystrokesAsync(largePage!, watcher: null, Math.Min(keystrokes, 100));

        Console.WriteLine();
        Console.WriteLine($"| {keystrokes} keystrokes | p50 | p99 | max |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| keystroke to the other browser's editor | {P(remote, 50):F1} ms | {P(remote, 99):F1} ms | {remote.Max():F1} ms |");
        Console.WriteLine($"| the same edit between two bare hub clients (floor) | {P(floor, 50):F1} ms | {P(floor, 99):F1} ms | {floor.Max():F1} ms |");
        Console.WriteLine($"| keystroke to its own editor on screen (next frame) | {P(local, 50):F2} ms | {P(local, 99):F2} ms | {local.Max():F2} ms |");
        Console.WriteLine($"| keystroke to its own editor on screen (next frame), {largeLength / 1024} KB document | {P(largeLocal, 50):F2} ms | {P(largeLocal, 99):F2} ms | {largeLocal.Max():F2} ms |");
        Console.WriteLine($"browser / floor: p50 {P(remote, 50) / P(floor, 50):F2}x, p99 {P(remote, 99) / P(floor, 99):F2}x");
        Console.WriteLine($"editor bundle as served: {bundle.Wire / 1024.0:F0} KB {bundle.Encoding} ({bundle.Raw / 1024.0:F0} KB uncompressed)");
        Console.WriteLine($"open a {largeLength / 1024} KB document until editable (first load, then warm): {string.Join(", ", opens.Select(o => $"{o:F0} ms"))}");
        Console.WriteLine($"open a small document (floor: page, WebAssembly start, hub join): {string.Join(", ", smallOpens.Select(o => $"{o:F0} ms"))}");
        return 0;
    }

    private static double P(double[] values, double percentile) => Percentiles.Of([.. values.Order()], percentile);

    private static async Task<Guid> CreateAsync(HttpClient api, string title, string content)
    {
        using var created = await api.PostAsJsonAsync("/api/collaboration/documents", new { project = "EDIT", title, type = "notes", content });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Markdown of about <paramref name="length"/> characters: headings, paragraphs, lists and code, as a long design doc has.</summary>
    private static string LargeMarkdown(int length)
    {
        var text = new StringBuilder();
        for (var section = 1; text.Length < length; section++)
        {
            text.Append("## Section ").Append(section).Append("\n\nThe service keeps each tenant's rows apart with row-level security; ")
                .Append("a request carries the organization in its token, and **every** query runs with it set.\n\n")
                .Append("- first point with `code`\n- second point, naïve café 😀\n\n```csharp\nvar x = ").Append(section).Append(";\n```\n\n");
        }
        return text.ToString();
    }

    /// <summary>Opens the document in a new tab and waits until its editor is live and holds <paramref name="length"/> characters.</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, Guid document, int length)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/documents/{document}");
        await page.WaitForFunctionAsync(
            "n => document.querySelector('.editor-status.state-live') && document.querySelector('.document-text')?.editorLength >= n", length,
            new() { Timeout = 120_000 });
        return page;
    }

    /// <summary>
    /// One key at a time at the end of the typist's document, each after the last one reached the watcher: from the
    /// key's keydown to the typist's editor DOM holding it, and to the watcher's (both on the browsers' shared clock).
    /// </summary>
    private static async Task<(double[] Remote, double[] Local)> KeystrokesAsync(IPage typist, IPage? watcher, int keystrokes)
    {
        // Each animation frame (when the browser paints) looks at the editor's length: a key is on screen in the first
        // frame whose editor holds it. DOM mutations would not tell: CodeMirror keeps the DOM the browser's own typing made.
        const string Observe = """
            ([typing]) => {
              const host = document.querySelector('.document-text');
              const now = () => performance.timeOrigin + performance.now();
              window.benchTyped = []; window.benchShown = [];
              let length = host.editorLength;
              if (typing) document.addEventListener('keydown', () => window.benchTyped.push(now()), true);
              const frame = () => {
                const current = host.editorLength;
                if (current !== length) { length = current; window.benchShown.push(now()); }
                requestAnimationFrame(frame);
              };
              requestAnimationFrame(frame);
            }
            """;
        // The caret to the end first: its keys are not the ones timed.
        await typist.Locator(".cm-content").ClickAsync();
        await typist.Keyboard.PressAsync("Control+End");
        await typist.EvaluateAsync(Observe, new object[] { true });
        if (watcher is not null)
        {
            await watcher.EvaluateAsync(Observe, new object[] { false });
        }
        for (var i = 0; i < keystrokes; i++)
        {
            await typist.Keyboard.PressAsync(i % 20 == 19 ? "Enter" : "x");
            await (watcher ?? typist).WaitForFunctionAsync("n => window.benchShown.length >= n", i + 1);
        }
        var typed = await typist.EvaluateAsync<double[]>("() => window.benchTyped");
        var local = await typist.EvaluateAsync<double[]>("() => window.benchShown");
        var remote = watcher is null ? [] : await watcher.EvaluateAsync<double[]>("() => window.benchShown");
        return ([.. remote.Select((shown, i) => shown - typed[i])], [.. local.Select((shown, i) => shown - typed[i])]);
    }

    /// <summary>The same one-character edits between two bare .NET hub clients through the gateway: submit until the other one receives it.</summary>
    private static async Task<double[]> HubFloorAsync(Uri hub, string token, Guid document, int edits)
    {
        await using var sender = DocumentHubConnection.Create(hub, () => Task.FromResult<string?>(token));
        await using var receiver = DocumentHubConnection.Create(hub, () => Task.FromResult<string?>(token));
        var received = new Dictionary<int, long>();
        var arrived = new SemaphoreSlim(0);
        receiver.OnCommitted((_, ops) =>
        {
            lock (received)
            {
                foreach (var op in ops)
                {
                    received[op.Version] = Stopwatch.GetTimestamp();
                }
            }
            arrived.Release();
            return Task.CompletedTask;
        });
        await sender.StartAsync();
        await receiver.StartAsync();
        var joined = await sender.JoinAsync(document);
        await receiver.JoinAsync(document);
        var length = CodePoints.Count(joined.Text!);
        var version = joined.Version;
        var times = new List<double>();
        for (var i = 0; i < edits; i++)
        {
            var started = Stopwatch.GetTimestamp();
            version = await sender.SubmitAsync(document, version, TextOperation.Insert(length++, "x"), "bench-floor", i + 1);
            while (true)
            {
                lock (received)
                {
                    if (received.TryGetValue(version, out var at))
                    {
                        times.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
                        break;
                    }
                }
                await arrived.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        return [.. times];
    }

    /// <summary>The editor bundle as the web app serves it to a browser that accepts compression.</summary>
    private static async Task<(long Wire, long Raw, string Encoding)> BundleBytesAsync(Uri web)
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = web };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/js/editor.js");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var wire = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        using var plain = new HttpClient { BaseAddress = web };
        var raw = (await plain.GetByteArrayAsync("/js/editor.js")).LongLength;
        return (wire, raw, string.Join(",", response.Content.Headers.ContentEncoding) is { Length: > 0 } encoding ? encoding : "identity");
    }
}
