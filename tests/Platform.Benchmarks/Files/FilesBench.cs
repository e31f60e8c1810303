using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Platform.Testing;

namespace Platform.Benchmarks.Files;

/// <summary>
/// <c>files [uploads] [megabytes] [searches]</c>, through the whole graph:
/// (1) upload throughput: files of random bytes sent by tus, one PATCH each, through the gateway, until their last byte
/// is stored; against the floor of the same bytes posted over loopback HTTP to a sink that only reads them (in this
/// process), in the same run. Then the time from a file's last byte to clean (assembled, hashed, scanned by clamd,
/// stored), against clamd alone scanning the same bytes.
/// (2) upload to searchable: a PDF with a word of its own, uploaded in one request; from the upload's answer to the
/// search API finding the word (asked every 20 ms), one file at a time. The first uploads of each part warm the services
/// up (their code compiled, PdfPig's loaded) and are not counted.
/// </summary>
internal static class FilesBench
{
    private const string Scopes = "openid projects:read projects:write docs:read docs:write";

    public static async Task<int> RunAsync(int uploads, int megabytes, int searches)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        foreach (var service in new[] { "files", "ai" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service).WaitAsync(TimeSpan.FromMinutes(3));
        }

        using var gateway = app.CreateHttpClient("gateway", "http");
        gateway.Timeout = TimeSpan.FromMinutes(5);
        using var flow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var token = (await flow.SignUpAndSignInAsync(Scopes, CancellationToken.None)).Tokens.GetProperty("access_token").GetString()!;
        await JsonAsync(gateway, HttpMethod.Post, "/api/projects/projects", token, JsonContent.Create(new { key = "BENCH", name = "Bench" }));
        await JsonAsync(gateway, HttpMethod.Post, "/api/projects/projects/BENCH/tasks", token, JsonContent.Create(new { title = "Attachments" }));
        var bytes = RandomNumberGenerator.GetBytes(megabytes * 1024 * 1024);

        var sink = await SinkSecondsAsync(bytes, uploads);
        var (upload, toClean) = await UploadSecondsAsync(gateway, token, bytes, uploads);
        var scanner = await ScannerSecondsAsync((await app.GetConnectionStringAsync("clamav-address"))!, bytes, uploads);
        var total = (double)bytes.Length * uploads / (1024 * 1024);
        Console.WriteLine($"{uploads} uploads of {megabytes} MB (random bytes), one at a time:");
        Console.WriteLine($"  through the gateway to stored parts: {total / upload:F1} MB/s; loopback HTTP sink alone: {total / sink:F1} MB/s ({sink / upload:P0} of the floor)");
        Console.WriteLine($"  last byte to clean (assemble, hash, scan, store): p50 {Percentiles.Of(toClean, 50):F0} ms, p99 {Percentiles.Of(toClean, 99):F0} ms; " +
            $"clamd alone on the same bytes: {scanner * 1000 / uploads:F0} ms a file");

        var searchable = await UploadToSearchableAsync(app, gateway, token, searches);
        Console.WriteLine($"{searches} PDFs, one at a time, from the upload's answer to the search finding a word inside: " +
            $"p50 {Percentiles.Of(searchable, 50):F0} ms, p99 {Percentiles.Of(searchable, 99):F0} ms");
        return 0;
    }

    private static async Task<(double Seconds, List<double> ToCleanMs)> UploadSecondsAsync(HttpClient gateway, string token, byte[] bytes, int uploads)
    {
        const int warmUp = 2;
        var toClean = new List<double>();
        var sending = TimeSpan.Zero;
        for (var i = -warmUp; i < uploads; i++)
        {
            using var create = Request(HttpMethod.Post, "/api/files/uploads", token, null);
            create.Headers.Add("Upload-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            create.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String("random.bin"u8)},task {Convert.ToBase64String("BENCH-1"u8)}");
            using var created = await gateway.SendAsync(create);
            var location = created.Headers.Location!.OriginalString;

            var started = Stopwatch.GetTimestamp();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            using var patch = Request(HttpMethod.Patch, location, token, content);
            patch.Headers.Add("Upload-Offset", "0");
            using var patched = await gateway.SendAsync(patch);
            patched.EnsureSuccessStatusCode();
            var stored = Stopwatch.GetTimestamp();
            if (i >= 0)
            {
                sending += Stopwatch.GetElapsedTime(started, stored);
            }

            var id = location[(location.LastIndexOf('/') + 1)..];
            while ((await JsonAsync(gateway, HttpMethod.Get, $"/api/files/files/{id}", token)).GetProperty("status").GetString() == "pending")
            {
                await Task.Delay(5);
            }

            if (i >= 0)
            {
                toClean.Add(Stopwatch.GetElapsedTime(stored).TotalMilliseconds);
            }
        }

        toClean.Sort();
        return (sending.TotalSeconds, toClean);
    }

    /// <summary>The same bytes posted over loopback HTTP to an endpoint that reads and drops them: what the network costs here.</summary>
    private static async Task<double> SinkSecondsAsync(byte[] bytes, int uploads)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        await using var sink = builder.Build();
        sink.MapPost("/", async (HttpRequest request) =>
        {
            var buffer = new byte[81920];
            while (await request.Body.ReadAsync(buffer) > 0)
            {
            }

            return Results.NoContent();
        });
        await sink.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(sink.Urls.First()) };
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < uploads; i++)
        {
            using var response = await http.PostAsync("/", new ByteArrayContent(bytes));
            response.EnsureSuccessStatusCode();
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> ScannerSecondsAsync(string address, byte[] bytes, int uploads)
    {
        var scanner = new Platform.Files.Scanning.ClamdScanner(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:clamav"] = address }).Build());
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < uploads; i++)
        {
            var verdict = await scanner.ScanAsync(new MemoryStream(bytes), CancellationToken.None);
            if (verdict.Outcome != Platform.Files.Scanning.ScanOutcome.Clean)
            {
                throw new InvalidOperationException($"clamd: {verdict.Detail}");
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<List<double>> UploadToSearchableAsync(DistributedApplication app, HttpClient gateway, string token, int searches)
    {
        using var ai = app.CreateHttpClient("ai", "http");
        const int warmUp = 3;
        var times = new List<double>();
        for (var i = -warmUp; i < searches; i++)
        {
            var word = $"zq{Guid.NewGuid():N}"[..12];
            var name = i < 0 ? "warm-up" : $"notes-{i}";
            var pdf = TestFiles.Pdf($"Meeting notes {i}", $"The codename for this release is {word}.");
            var content = new ByteArrayContent(pdf);
            await JsonAsync(gateway, HttpMethod.Post, $"/api/files/files?name={name}.pdf&task=BENCH-1", token, content);
            var uploaded = Stopwatch.GetTimestamp();
            while ((await JsonAsync(ai, HttpMethod.Get, $"/search?q={word}", token)).GetProperty("items").GetArrayLength() == 0)
            {
                await Task.Delay(20);
            }

            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(uploaded).TotalMilliseconds);
            }
        }

        times.Sort();
        return times;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = Request(method, path, token, content);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
