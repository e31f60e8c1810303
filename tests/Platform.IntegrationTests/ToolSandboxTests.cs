using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// Each MCP tool call runs with a token the identity service narrowed to the tool's scopes (token exchange, RFC 8693),
/// within time and size limits, and leaves an audit row.
/// </summary>
public sealed class ToolSandboxTests(PlatformFixture platform)
{
    private const string EveryScope = "openid projects:read projects:write docs:read docs:write org:admin account";

    [Fact]
    public async Task Each_tool_runs_with_only_its_scopes_and_each_call_is_audited()
    {
        var token = await platform.NewOwnerAccessTokenAsync(EveryScope);
        await platform.NewProjectAsync(token, "BOX", "Sandbox");
        await using var client = await platform.ConnectMcpAsync(token);

        await CallAsync(client, "list_tasks", new() { ["project"] = "BOX" });
        await CallAsync(client, "create_task", new() { ["project"] = "BOX", ["title"] = "Fence the yard" });
        await CallAsync(client, "list_documents", new() { ["project"] = "BOX" });

        using var audit = await platform.SendAsync(HttpMethod.Get, "/api/ai/tool-calls", token);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var calls = (await audit.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(
            [("list_documents", "docs:read", "project"), ("create_task", "projects:read projects:write", "project,title"), ("list_tasks", "projects:read", "project")],
            calls.Select(c => (c.GetProperty("tool").GetString(), c.GetProperty("scopes").GetString(), c.GetProperty("arguments").GetString())));
        Assert.All(calls, c => Assert.Equal("ok", c.GetProperty("outcome").GetString()));
        Assert.All(calls, c => Assert.True(c.GetProperty("resultBytes").GetInt32() > 0));

        // Reading the audit is for administrators.
        var member = await platform.NewOwnerAccessTokenAsync("openid projects:read");
        using var refused = await platform.SendAsync(HttpMethod.Get, "/api/ai/tool-calls", member);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_tool_the_callers_token_has_no_scope_for_is_refused_before_it_runs_and_audited()
    {
        var token = await platform.NewOwnerAccessTokenAsync("openid docs:read org:admin");
        await using var client = await platform.ConnectMcpAsync(token);

        var error = await ToolErrorAsync(client, "list_projects", []);

        Assert.Contains("needs projects:read", error, StringComparison.Ordinal);
        using var audit = await platform.SendAsync(HttpMethod.Get, "/api/ai/tool-calls?tool=list_projects", token);
        var call = Assert.Single((await audit.JsonAsync()).EnumerateArray());
        Assert.Equal(("refused", ""), (call.GetProperty("outcome").GetString(), call.GetProperty("scopes").GetString()));
    }

    [Fact]
    public async Task A_result_larger_than_the_limit_is_refused_with_a_way_forward()
    {
        var token = await platform.NewOwnerAccessTokenAsync(EveryScope);
        await platform.NewProjectAsync(token, "BIG", "Large");
        // Past the gateway's body limit of the test graph, straight to the service.
        var content = "# Notes\n" + string.Concat(Enumerable.Repeat("A paragraph that repeats to make the document long. ", 6000));
        using (var created = await platform.SendAsync(HttpMethod.Post, "/documents", token, new { project = "BIG", title = "Long notes", type = "design_doc", content }, via: "collaboration"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var client = await platform.ConnectMcpAsync(token);
        var id = (await CallAsync(client, "list_documents", new() { ["project"] = "BIG" })).GetProperty("items")[0].GetProperty("id").GetString();

        var error = await ToolErrorAsync(client, "read_document", new() { ["id"] = id });

        Assert.Contains($"larger than {PlatformFixture.ToolResultLimitBytes / 1024} KB; ask for less", error, StringComparison.Ordinal);
        using var audit = await platform.SendAsync(HttpMethod.Get, "/api/ai/tool-calls?tool=read_document", token);
        var call = Assert.Single((await audit.JsonAsync()).EnumerateArray());
        Assert.Equal("too-large", call.GetProperty("outcome").GetString());
        Assert.True(call.GetProperty("resultBytes").GetInt32() > PlatformFixture.ToolResultLimitBytes);
    }

    [Fact]
    public async Task The_identity_service_narrows_a_token_for_the_ai_service_and_never_widens_it()
    {
        var token = await platform.NewOwnerAccessTokenAsync(EveryScope);
        await platform.NewProjectAsync(token, "NAR", "Narrow");

        using var exchanged = await ExchangeAsync(token, "projects:read");
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        var body = await exchanged.JsonAsync();
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", body.GetProperty("issued_token_type").GetString());
        var narrowed = body.GetProperty("access_token").GetString()!;
        var claims = Payload(narrowed);
        Assert.Equal("projects:read", claims.GetProperty("scope").GetString());
        Assert.Equal("platform-ai", claims.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(Payload(token).GetProperty("sub").GetString(), claims.GetProperty("sub").GetString());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), 1, 120);

        // It reads, as its scope allows, and nothing more, whatever the token it came from could do.
        using (var read = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/NAR", narrowed))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var write = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/NAR/tasks", narrowed, new { title = "Not allowed" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }
        using (var documents = await platform.SendAsync(HttpMethod.Get, "/api/collaboration/documents", narrowed))
        {
            Assert.Equal(HttpStatusCode.Forbidden, documents.StatusCode);
        }

        // A narrowed token is never exchanged for more than it holds.
        using var widened = await ExchangeAsync(narrowed, "projects:read projects:write");
        Assert.Equal(HttpStatusCode.BadRequest, widened.StatusCode);
        var refusal = await widened.JsonAsync();
        Assert.Equal("invalid_scope", refusal.GetProperty("error").GetString());
        Assert.Contains("does not hold projects:write", refusal.GetProperty("error_description").GetString(), StringComparison.Ordinal);

        // Only the AI service, with its secret, may exchange.
        using var wrongSecret = await ExchangeAsync(token, "projects:read", secret: "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        using var otherClient = await ExchangeAsync(token, "projects:read", clientId: "platform-cli", secret: null);
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    [Fact]
    public async Task A_personal_access_token_is_narrowed_too_and_once_revoked_exchanges_no_more()
    {
        var session = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);
        await platform.NewProjectAsync(session, "PAT", "Personal");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session,
            new { name = "assistant", scopes = new[] { "projects:read", "projects:write" }, expiresInDays = 30 });
        var personal = await created.JsonAsync();
        var secret = personal.GetProperty("token").GetString()!;
        await using (var client = await platform.ConnectMcpAsync(secret))
        {
            var projects = await CallAsync(client, "list_projects", []);
            Assert.Contains("PAT", projects.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        }

        using (var exchanged = await ExchangeAsync(secret, "projects:read", personalAccessToken: true))
        {
            Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
            Assert.Equal("projects:read", Payload((await exchanged.JsonAsync()).GetProperty("access_token").GetString()!).GetProperty("scope").GetString());
        }
        using (var beyond = await ExchangeAsync(secret, "docs:read", personalAccessToken: true))
        {
            Assert.Equal("invalid_scope", (await beyond.JsonAsync()).GetProperty("error").GetString());
        }

        using (var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{personal.GetProperty("details").GetProperty("id").GetString()}", session))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }
        using var afterRevocation = await ExchangeAsync(secret, "projects:read", personalAccessToken: true);
        Assert.Equal("invalid_grant", (await afterRevocation.JsonAsync()).GetProperty("error").GetString());
    }

    /// <summary>A token exchange at the identity service, as the AI service makes it unless told otherwise.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(
        string subjectToken, string scope, bool personalAccessToken = false, string clientId = "platform-ai", string? secret = PlatformFixture.AiClientSecret)
    {
        using var identity = platform.CreateHttpClient("identity");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = personalAccessToken ? "urn:platform:params:oauth:token-type:personal-access-token" : "urn:ietf:params:oauth:token-type:access_token",
            ["scope"] = scope,
            ["client_id"] = clientId,
        };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }
        return await identity.PostAsync("/connect/token", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='))).RootElement;
    }
}
