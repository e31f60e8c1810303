using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;
using Platform.Collaboration.Ot;

namespace Platform.IntegrationTests;

/// <summary>
/// Text that cannot be stored (a NUL character) or is not well-formed (a lone surrogate) is a 400 naming the field in
/// every service, and nothing is written.
/// </summary>
public sealed class TextInputTests(PlatformFixture platform)
{
    private const string Scopes = "openid projects:read projects:write docs:read docs:write";

    [Fact]
    public async Task A_nul_or_a_lone_surrogate_in_any_field_is_a_400_naming_it_and_changes_nothing()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Scopes);
        await platform.NewProjectAsync(token, "TXT", "Text");
        using (var task = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/TXT/tasks", token, new { title = "Fine" }))
        {
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        }

        (HttpMethod Method, string Path, string Body, string Field)[] bodies =
        [
            (HttpMethod.Post, "/api/projects/projects", """{"key":"NUL","name":"a\u0000b"}""", "name"),
            (HttpMethod.Post, "/api/projects/projects/TXT/tasks", """{"title":"a\u0000"}""", "title"),
            (HttpMethod.Post, "/api/projects/projects/TXT/tasks", """{"title":"ok","description":"x\u0000"}""", "description"),
            (HttpMethod.Post, "/api/projects/projects/TXT/tasks", """{"title":"ok","labels":["fine","bad\u0000"]}""", "labels[1]"),
            (HttpMethod.Post, "/api/projects/projects/TXT/tasks", """{"title":"\ud800"}""", "title"),
            (HttpMethod.Patch, "/api/projects/tasks/TXT-1", """{"title":"\udc00 lone"}""", "title"),
            (HttpMethod.Patch, "/api/projects/tasks/TXT-1", """{"description":"\u0000"}""", "description"),
            (HttpMethod.Post, "/api/projects/tasks/TXT-1/comments", """{"body":"hi\u0000"}""", "body"),
            (HttpMethod.Post, "/api/projects/tasks/bulk-update", """{"keys":["TXT-1"],"addLabels":["\u0000"]}""", "addLabels[0]"),
            (HttpMethod.Post, "/api/projects/projects/TXT/rules", """{"name":"r","trigger":{"type":"taskCreated"},"actions":[{"type":"addLabel","value":"\ud800"}]}""", "actions"),
            (HttpMethod.Post, "/api/collaboration/documents", """{"project":"TXT","title":"t","type":"notes","content":"a\u0000"}""", "content"),
            (HttpMethod.Post, "/api/collaboration/documents", """{"project":"TXT","title":"\u0000","type":"notes"}""", "title"),
        ];
        foreach (var (method, path, body, field) in bodies)
        {
            using var response = await SendRawAsync(method, path, token, body);
            var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode} {problem}");
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{method} {path} {body}: {problem}");
        }

        using var search = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/TXT/tasks?q=%00", token);
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.True((await search.JsonAsync()).GetProperty("errors").TryGetProperty("q", out _));

        using var task1 = await platform.SendAsync(HttpMethod.Get, "/api/projects/tasks/TXT-1", token);
        var unchanged = await task1.JsonAsync();
        Assert.Equal("Fine", unchanged.GetProperty("title").GetString());
        using var tasks = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/TXT/tasks", token);
        Assert.Equal(["TXT-1"], (await tasks.JsonAsync()).Keys());
    }

    [Fact]
    public async Task Signing_up_or_in_with_a_nul_is_a_400()
    {
        using var identity = platform.CreateHttpClient("identity");
        using var signup = await identity.PostAsync("/signup", new StringContent(
            """{"email":"nul@example.test","displayName":"A\u0000","password":"Platform-dev-2026","organizationName":"Org"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        using var login = await identity.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "x\0@example.test",
            ["Password"] = "whatever",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, signup.StatusCode);
        Assert.True((await signup.JsonAsync()).GetProperty("errors").TryGetProperty("displayName", out _));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task A_nul_in_an_operation_or_an_empty_operation_is_refused_alone()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Scopes);
        await platform.NewProjectAsync(token, "TXT", "Text");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "TXT", title = "t", type = "notes", content = "" });
        var documentId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using var raw = await RawHubClient.ConnectAsync(platform.App.GetEndpoint("gateway", "http"), token);
        await raw.InvokeAsync(DocumentHubContract.Join, $"\"{documentId}\", null");

        var nul = await raw.InvokeAsync(DocumentHubContract.Submit, $$"""
            "{{documentId}}", 0, ["a\u0000"], "raw", 1
            """);
        var empty = await raw.InvokeAsync(DocumentHubContract.Submit, $"\"{documentId}\", 0, [], \"raw\", 2");
        var fine = await raw.InvokeAsync(DocumentHubContract.Submit, $"\"{documentId}\", 0, [\"ok\"], \"raw\", 3");

        Assert.Contains("op_invalid: Component 0: the inserted text contains a NUL character", nul.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("op_invalid: The operation changes nothing", empty.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, fine.GetProperty("result").GetInt32());
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string token, string body)
    {
        using var gateway = platform.CreateHttpClient("gateway");
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
