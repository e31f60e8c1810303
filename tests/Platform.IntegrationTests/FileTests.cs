using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;
using SixLabors.ImageSharp;

namespace Platform.IntegrationTests;

/// <summary>Attachments end to end, through the gateway: uploads, the scanner, processing, search, signed links, tenancy.</summary>
public sealed class FileTests(PlatformFixture platform)
{
    private const string Everything = "openid projects:read projects:write docs:read docs:write org:admin account";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pdf_uploaded_with_tus_resumes_after_an_interruption_and_its_text_is_found_by_search_and_read_by_an_assistant()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Everything);
        await platform.NewProjectAsync(token, "DOCS", "Docs");
        await new ProjectsClient(platform, token).CreateTaskAsync("DOCS", new { title = "Review the vendor contract" });
        var padded = TestFiles.Pdf([.. Enumerable.Range(0, 3000).Select(i => $"Clause {i}: the parties agree to terms {i} of the schedule."),
            "The pangolin clause limits liability to twelve months."]);
        var cut = padded.Length / 2;

        using var created = await TusAsync(HttpMethod.Post, "/api/files/uploads", token, headers: [("Upload-Length", Invariant(padded.Length)),
            ("Upload-Metadata", $"filename {Base64("contract.pdf")},task {Base64("DOCS-1")}")]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var upload = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/api/files/uploads/", upload, StringComparison.Ordinal);

        // The client goes away halfway through a PATCH that announced all of it; what arrived is kept.
        await Assert.ThrowsAnyAsync<Exception>(() => TusAsync(HttpMethod.Patch, upload, token, new CutOffContent(padded, cut), [("Upload-Offset", "0")]));
        // Asked of the files service itself: polling through the gateway would run into its per-user limit.
        long offset = 0;
        await Eventually.TrueAsync(async () =>
        {
            using var head = await TusAsync(HttpMethod.Head, upload["/api/files".Length..], token, via: "files");
            offset = head.Headers.TryGetValues("Upload-Offset", out var values) ? long.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) : 0;
            return offset > 0;
        });
        Assert.True(offset <= cut, $"{offset} bytes kept of {cut} sent");
        using (var stale = await TusAsync(HttpMethod.Patch, upload, token, Bytes(padded[..10]), [("Upload-Offset", "0")]))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }

        using (var rest = await TusAsync(HttpMethod.Patch, upload, token, Bytes(padded[(int)offset..]), [("Upload-Offset", Invariant(offset))]))
        {
            Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
            Assert.Equal(Invariant(padded.Length), rest.Headers.GetValues("Upload-Offset").Single());
        }

        var id = upload.Split('/')[^1];
        var file = await WaitForAsync(token, id, "clean");
        Assert.Equal(("application/pdf", Convert.ToHexStringLower(SHA256.HashData(padded))), (file.GetProperty("contentType").GetString(), file.GetProperty("sha256").GetString()));

        // Similar passages come back at once (the task's own); the attachment's once it is indexed.
        JsonElement found = default;
        await Eventually.TrueAsync(async () => (found = await ReadAsync(token, "/api/ai/search?q=pangolin", via: "ai")).GetProperty("items").EnumerateArray()
            .Any(item => item.TryGetProperty("file", out _)) || await PauseAsync(), async () => found.ToString());
        var hit = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(("task", "DOCS-1"), (hit.GetProperty("kind").GetString(), hit.GetProperty("key").GetString()));
        Assert.Contains("**pangolin**", hit.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("contract.pdf", hit.GetProperty("file").GetString());

        await using var assistant = await platform.ConnectMcpAsync(token);
        var attachments = await McpCalls.CallAsync(assistant, "list_attachments", new() { ["task"] = "DOCS-1" });
        Assert.Equal("contract.pdf", Assert.Single(attachments.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        // A long text comes in pages: the clause is on the last.
        var read = new StringBuilder();
        for (int? next = 0; next is { } from; )
        {
            var page = await McpCalls.CallAsync(assistant, "read_attachment", new() { ["id"] = id, ["offset"] = from });
            read.Append(page.GetProperty("text").GetString());
            next = page.TryGetProperty("nextOffset", out var more) && more.ValueKind == JsonValueKind.Number ? more.GetInt32() : null;
        }
        Assert.StartsWith("Clause 0: the parties agree", read.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("The pangolin clause limits liability to twelve months.", read.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_gets_a_thumbnail_and_its_signed_links_serve_it_safely_without_a_token_to_its_organization_only()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Everything);
        await platform.NewProjectAsync(token, "PICS", "Pics");
        await new ProjectsClient(platform, token).CreateTaskAsync("PICS", new { title = "Fix the chart colours" });
        var png = await UploadAsync(token, "PICS-1", "chart.png", TestFiles.PngWithExif(1280, 800));
        var notes = await UploadAsync(token, "PICS-1", "notes.html", "<script>alert(1)</script><p>notes</p>"u8.ToArray());

        var image = await WaitForAsync(token, png, "clean");
        Assert.Equal((1280, 800), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        using var anonymous = platform.CreateHttpClient("gateway");
        using (var thumbnail = await anonymous.GetAsync(image.GetProperty("links").GetProperty("thumbnail").GetString(), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", thumbnail.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Contains("sandbox", thumbnail.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", thumbnail.Headers.GetValues("X-Content-Type-Options").Single());
            var decoded = Image.Identify(await thumbnail.Content.ReadAsByteArrayAsync(Cancellation));
            Assert.Equal((320, 200), (decoded.Width, decoded.Height));
            Assert.Null(decoded.Metadata.ExifProfile);
        }

        // A page someone uploads is never a page of ours: text, downloaded, sandboxed.
        var page = await WaitForAsync(token, notes, "clean");
        using (var download = await anonymous.GetAsync(page.GetProperty("links").GetProperty("original").GetString(), Cancellation))
        {
            Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("notes.html", download.Content.Headers.ContentDisposition.FileNameStar);
        }

        var link = image.GetProperty("links").GetProperty("original").GetString()!;
        using (var forged = await anonymous.GetAsync(link.Replace("signature=", "signature=x", StringComparison.Ordinal), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        var stranger = await platform.NewOwnerAccessTokenAsync(Everything);
        foreach (var path in new[] { $"/api/files/files/{png}", $"/api/files/files/{png}/download", $"/api/files/files/{png}/text", "/api/files/files?task=PICS-1" })
        {
            using var other = await platform.SendAsync(HttpMethod.Get, path, stranger);
            Assert.True(other.StatusCode == HttpStatusCode.NotFound, $"{path}: {other.StatusCode}");
        }

        using var deleted = await platform.SendAsync(HttpMethod.Delete, $"/api/files/files/{png}", stranger);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        var mine = await ReadAsync(token, "/api/files/files?task=PICS-1", via: "files");
        Assert.Equal(2, mine.GetArrayLength());
    }

    [Fact]
    public async Task Eicar_is_quarantined_never_downloadable_and_its_uploader_is_told()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Everything);
        await platform.NewProjectAsync(token, "SAFE", "Safe");
        await new ProjectsClient(platform, token).CreateTaskAsync("SAFE", new { title = "Collect the logs" });
        var eicar = await UploadAsync(token, "SAFE-1", "logs.txt", TestSignatures.Eicar);
        var sample = await UploadAsync(token, "SAFE-1", "capture.bin", platform.Signatures.Sample);

        var infected = await WaitForAsync(token, eicar, "infected");
        Assert.Contains("EICAR", infected.GetProperty("signature").GetString(), StringComparison.Ordinal);
        Assert.False(infected.TryGetProperty("links", out _));
        Assert.StartsWith(TestSignatures.SampleSignature, (await WaitForAsync(token, sample, "infected")).GetProperty("signature").GetString(), StringComparison.Ordinal);
        using (var download = await platform.SendAsync(HttpMethod.Get, $"/api/files/files/{eicar}/download", token))
        {
            Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
            Assert.Contains("quarantined", await download.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        JsonElement inbox = default;
        await Eventually.TrueAsync(async () => (inbox = await ReadAsync(token, "/api/notifications/inbox", via: "notifications")).GetProperty("items").EnumerateArray()
            .Count(item => item.GetProperty("kind").GetString() == "file-quarantined") == 2, async () => inbox.ToString());
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), item => item.GetProperty("title").GetString() == "Your upload logs.txt was quarantined");
    }

    [Fact]
    public async Task A_renamed_program_is_refused_by_its_bytes_and_a_file_over_the_limit_gets_413()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Everything);
        await platform.NewProjectAsync(token, "BAD", "Bad");
        await new ProjectsClient(platform, token).CreateTaskAsync("BAD", new { title = "Attach the diagram" });

        using (var program = await PostFileAsync(token, "/api/files/files?name=diagram.png&task=BAD-1", TestFiles.Elf()))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, program.StatusCode);
            Assert.Equal("application/problem+json", program.Content.Headers.ContentType!.MediaType);
        }

        using (var large = await PostFileAsync(token, "/api/files/files?name=big.bin&task=BAD-1", new byte[PlatformFixture.FilesMaxUploadBytes + 1]))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
            Assert.Contains($"{PlatformFixture.FilesMaxUploadBytes} bytes", await large.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        using (var announced = await TusAsync(HttpMethod.Post, "/api/files/uploads", token, headers: [("Upload-Length", $"{PlatformFixture.FilesMaxUploadBytes + 1}"),
            ("Upload-Metadata", $"filename {Base64("big.bin")},task {Base64("BAD-1")}")]))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
        }

        using (var nowhere = await PostFileAsync(token, "/api/files/files?name=a.txt&task=BAD-99", "a"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        }

        Assert.Equal(0, (await ReadAsync(token, "/api/files/files?task=BAD-1", via: "files")).GetArrayLength());
        Assert.Equal(0, (await ReadAsync(token, "/api/files/usage", via: "files")).GetProperty("bytes").GetInt64());
    }

    private async Task<string> UploadAsync(string token, string task, string name, byte[] content)
    {
        using var response = await PostFileAsync(token, $"/api/files/files?name={Uri.EscapeDataString(name)}&task={task}", content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> PostFileAsync(string token, string path, byte[] content)
    {
        using var http = platform.CreateHttpClient("gateway");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Cancellation);
    }

    private async Task<HttpResponseMessage> TusAsync(
        HttpMethod method, string path, string token, HttpContent? content = null, (string Name, string Value)[]? headers = null, string via = "gateway")
    {
        using var http = platform.CreateHttpClient(via);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request, Cancellation);
    }

    /// <summary>
    /// Polls the files service itself (not through the gateway's per-user limit) until the file has <paramref name="status"/>,
    /// then reads it as clients do, through the gateway (its links start with the gateway's prefix).
    /// </summary>
    private async Task<JsonElement> WaitForAsync(string token, string id, string status)
    {
        JsonElement file = default;
        await Eventually.TrueAsync(async () => (file = await ReadAsync(token, $"/api/files/files/{id}", via: "files")).GetProperty("status").GetString() == status,
            async () => file.ToString());
        return await ReadAsync(token, $"/api/files/files/{id}");
    }

    private async Task<JsonElement> ReadAsync(string token, string path, string via = "gateway")
    {
        var service = via == "gateway" ? path : path[path.IndexOf('/', "/api/".Length)..];
        using var response = await platform.SendAsync(HttpMethod.Get, via == "gateway" ? path : service, token, via: via);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
        return await response.JsonAsync();
    }

    private static async Task<bool> PauseAsync()
    {
        await Task.Delay(1000, Cancellation);
        return false;
    }

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return content;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    /// <summary>A body that announces all of <paramref name="content"/>, sends <paramref name="cutAt"/> bytes, waits for them to arrive, and fails.</summary>
    private sealed class CutOffContent : HttpContent
    {
        private readonly byte[] _content;
        private readonly int _cutAt;

        public CutOffContent(byte[] content, int cutAt)
        {
            (_content, _cutAt) = (content, cutAt);
            Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_content.AsMemory(0, _cutAt));
            await stream.FlushAsync();
            // Long enough for the bytes to pass the gateway on a busy machine before the connection goes.
            await Task.Delay(3000);
            throw new IOException("The client went away.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _content.Length;
            return true;
        }
    }
}
