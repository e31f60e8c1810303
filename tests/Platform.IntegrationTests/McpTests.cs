using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Collaboration.Ot;
using Platform.Testing;

using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>The MCP server as an AI assistant uses it: the official C# MCP client, through the gateway, with a user's token.</summary>
public sealed class McpTests(PlatformFixture platform)
{
    [Fact]
    public async Task Without_a_token_the_answer_says_where_to_sign_in()
    {
        using var http = platform.CreateHttpClient("gateway");
        using var refused = await RawMcpAsync(http, "tools/list", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var challenge = refused.Headers.WwwAuthenticate.Single(h => h.Scheme == "Bearer").Parameter!;
        var metadataUrl = challenge.Split("resource_metadata=\"")[1].TrimEnd('"');
        Assert.Contains("/api/ai/.well-known/oauth-protected-resource", metadataUrl, StringComparison.Ordinal);

        var metadata = await (await http.GetAsync(new Uri(metadataUrl).PathAndQuery, TestContext.Current.CancellationToken)).JsonAsync();
        Assert.Equal(platform.IdentityAddress.ToString().TrimEnd('/'), metadata.GetProperty("authorization_servers")[0].GetString()!.TrimEnd('/'));
        Assert.Contains("projects:write", metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.EndsWith("/api/ai/mcp", metadata.GetProperty("resource").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assistant_plans_and_reads_the_project_through_the_tools()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "MCP", "Assistant");
        await using var client = await platform.ConnectMcpAsync(token);

        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name);
        Assert.True(tools["list_tasks"].ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(tools["remove_dependency"].ProtocolTool.Annotations!.DestructiveHint);
        Assert.NotNull(tools["get_task"].ProtocolTool.OutputSchema);

        var design = await CallAsync(client, "create_task", new() { ["project"] = "mcp", ["title"] = "Write the design", ["priority"] = "high" });
        Assert.Equal("MCP-1", design.GetProperty("key").GetString());
        var build = await CallAsync(client, "create_task", new() { ["project"] = "MCP", ["title"] = "Build it", ["labels"] = new[] { "backend" } });
        Assert.Equal("MCP-2", build.GetProperty("key").GetString());

        var dependency = await CallAsync(client, "add_dependency", new() { ["task"] = "MCP-2", ["predecessor"] = "MCP-1" });
        Assert.Equal("MCP-1", dependency.GetProperty("predecessor").GetString());
        var blocked = await CallAsync(client, "list_tasks", new() { ["project"] = "MCP", ["blocked"] = true });
        Assert.Equal(["MCP-2"], blocked.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()));

        var path = await CallAsync(client, "get_critical_path", new() { ["project"] = "MCP" });
        Assert.Equal(["MCP-1", "MCP-2"], path.GetProperty("criticalPath").EnumerateArray().Select(k => k.GetString()));

        var moved = await CallAsync(client, "transition_task", new() { ["key"] = "MCP-1", ["state"] = "In Progress" });
        Assert.Equal("In Progress", moved.GetProperty("state").GetString());
        var updated = await CallAsync(client, "update_task", new() { ["key"] = "MCP-1", ["description"] = "See the design doc." });
        Assert.Equal("See the design doc.", updated.GetProperty("description").GetString());
        Assert.Equal("high", updated.GetProperty("priority").GetString());
        var comment = await CallAsync(client, "add_comment", new() { ["key"] = "MCP-1", ["body"] = "Started." });
        Assert.Equal("Started.", comment.GetProperty("body").GetString());
        var task = await CallAsync(client, "get_task", new() { ["key"] = "mcp-1" });
        Assert.Equal("Write the design", task.GetProperty("title").GetString());

        var removed = await client.CallToolAsync("remove_dependency", new Dictionary<string, object?> { ["task"] = "MCP-2", ["predecessor"] = "MCP-1" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, removed.IsError);
        var projects = await CallAsync(client, "list_projects", []);
        Assert.Contains("MCP", projects.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        using (var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "MCP", title = "Design", type = "design_doc", content = "# Design\nUse queues." }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var documents = await CallAsync(client, "list_documents", new() { ["project"] = "MCP" });
        var document = Assert.Single(documents.GetProperty("items").EnumerateArray());
        var read = await CallAsync(client, "read_document", new() { ["id"] = document.GetProperty("id").GetGuid() });
        Assert.Equal("# Design\nUse queues.", read.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Bad_calls_get_clear_errors_and_change_nothing()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "BAD", "Bad");
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        var reader = await platform.NewOwnerAccessTokenAsync("openid projects:read docs:read");
        await using var client = await platform.ConnectMcpAsync(token);
        await using var strangerClient = await platform.ConnectMcpAsync(stranger);
        await using var readerClient = await platform.ConnectMcpAsync(reader);
        await CallAsync(client, "create_task", new() { ["project"] = "BAD", ["title"] = "Mine" });
        await CallAsync(client, "create_task", new() { ["project"] = "BAD", ["title"] = "Later" });
        await CallAsync(client, "add_dependency", new() { ["task"] = "BAD-2", ["predecessor"] = "BAD-1" });

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("drop_database", cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, unknown.ErrorCode);

        Assert.Contains("title", await ToolErrorAsync(client, "create_task", new() { ["project"] = "BAD", ["title"] = "" }), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("missing a value for the required parameter 'title'", await ToolErrorAsync(client, "create_task", new() { ["project"] = "BAD" }), StringComparison.Ordinal);
        Assert.Contains("limit", await ToolErrorAsync(client, "list_tasks", new() { ["project"] = "BAD", ["limit"] = "many" }), StringComparison.Ordinal);
        Assert.Contains("between 1 and 100", await ToolErrorAsync(client, "list_tasks", new() { ["project"] = "BAD", ["limit"] = 1000 }), StringComparison.Ordinal);
        Assert.Contains("not a project or task key", await ToolErrorAsync(client, "get_task", new() { ["key"] = "../../admin" }), StringComparison.Ordinal);
        Assert.Contains("states", await ToolErrorAsync(client, "transition_task", new() { ["key"] = "BAD-1", ["state"] = "Nowhere" }), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("BAD-1", await ToolErrorAsync(client, "add_dependency", new() { ["task"] = "BAD-1", ["predecessor"] = "BAD-2" }), StringComparison.Ordinal);

        // Another organization's task is not found, and a read-only token cannot write.
        Assert.Contains("Not found", await ToolErrorAsync(strangerClient, "get_task", new() { ["key"] = "BAD-1" }), StringComparison.Ordinal);
        Assert.Contains("Not found", await ToolErrorAsync(strangerClient, "update_task", new() { ["key"] = "BAD-1", ["title"] = "Theirs" }), StringComparison.Ordinal);
        Assert.Contains("Not allowed", await ToolErrorAsync(readerClient, "create_task", new() { ["project"] = "BAD", ["title"] = "Read-only" }), StringComparison.Ordinal);

        var tasks = await CallAsync(client, "list_tasks", new() { ["project"] = "BAD" });
        Assert.Equal(["Mine", "Later"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
        Assert.All(tasks.GetProperty("items").EnumerateArray(), t => Assert.Equal("Todo", t.GetProperty("state").GetString()));

        // A browser page from a foreign origin is refused before anything runs (DNS-rebinding protection).
        using var http = platform.CreateHttpClient("gateway");
        using var refused = await RawMcpAsync(http, "tools/list", token, origin: "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_edit_through_mcp_and_a_person_typing_at_the_same_time_converge()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "LIVE", "Live");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "LIVE", title = "Plan", type = "notes", content = "# Plan\nStep one.\n" });
        var documentId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using var client = await platform.ConnectMcpAsync(token);
        await using var person = await DocumentEditor.OpenAsync(platform.App.GetEndpoint("gateway", "http"), token, documentId);

        var typing = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await person.EditAsync(length => TextOperation.Insert(length, "."));
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        var first = await CallAsync(client, "edit_document", new()
        {
            ["id"] = documentId,
            ["edits"] = new object[] { new { oldText = "Step one.", newText = "Step one, reviewed 😀." }, new { oldText = "# Plan", newText = "# Plan v2" } },
        });
        Assert.Equal(15, first.GetProperty("deleted").GetInt32());
        Assert.Equal(30, first.GetProperty("inserted").GetInt32()); // code points: the emoji counts once
        // A client that asks for progress hears each step of the edit, in order, on the call's own response stream (no
        // session needed). Read raw: the SDK's client handles each incoming message on a task of its own and stops
        // listening for the call's progress once its answer is in, so it may miss a step sent just before the answer.
        using var http = platform.CreateHttpClient("gateway");
        using var streamed = await RawMcpAsync(http, "tools/call", token, parameters: new
        {
            name = "edit_document",
            arguments = new { id = documentId, edits = new[] { new { oldText = "", newText = "\n## Risks\n" } } },
            _meta = new { progressToken = "risks" },
        });
        var messages = await ServerSentMessagesAsync(streamed);
        Assert.Equal(3, messages.Count);
        Assert.All(messages[..2], m => Assert.Equal("risks", m.GetProperty("params").GetProperty("progressToken").GetString()));
        Assert.Equal("1/3 Connected to the collaboration service", Step(messages[0]));
        Assert.StartsWith("2/3 Joined the document at version ", Step(messages[1]), StringComparison.Ordinal);
        Assert.False(messages[2].GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean());
        await typing;

        Assert.Contains("occurs more than once", await ToolErrorAsync(client, "edit_document",
            new() { ["id"] = documentId, ["edits"] = new object[] { new { oldText = "e", newText = "E" } } }), StringComparison.Ordinal);
        Assert.Contains("Not found", await ToolErrorAsync(client, "edit_document",
            new() { ["id"] = Guid.NewGuid(), ["edits"] = new object[] { new { oldText = "", newText = "x" } } }), StringComparison.Ordinal);

        using var stored = await platform.SendAsync(HttpMethod.Get, $"/api/collaboration/documents/{documentId}", token);
        var document = await stored.JsonAsync();
        await Eventually.TrueAsync(async () => await person.IsSynchronizedAsync() && await person.VersionAsync() == document.GetProperty("version").GetInt32(), person.DescribeAsync);
        var text = document.GetProperty("content").GetString()!;
        Assert.Equal(text, await person.TextAsync());
        Assert.StartsWith("# Plan v2\nStep one, reviewed 😀.\n", text, StringComparison.Ordinal);
        Assert.Contains("\n## Risks\n", text, StringComparison.Ordinal);
        Assert.Equal(30, text.Count(c => c == '.') - 1);
    }

    [Fact]
    public async Task Tasks_and_documents_are_resources_and_prompts_and_completions_know_the_project()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "RES", "Resources");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "RES", title = "Cache design", type = "design_doc", content = "# Cache\nRedis, 7 days." });
        var documentId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using var client = await platform.ConnectMcpAsync(token);
        await using var strangerClient = await platform.ConnectMcpAsync(stranger);
        await CallAsync(client, "create_task", new() { ["project"] = "RES", ["title"] = "Build the cache" });
        var ct = TestContext.Current.CancellationToken;

        var templates = await client.ListResourceTemplatesAsync(cancellationToken: ct);
        Assert.Contains(templates, t => t.UriTemplate == "platform://{org}/tasks/{key}");
        Assert.Contains(templates, t => t.UriTemplate == "platform://{org}/docs/{id}");
        var org = Assert.Single((await client.CompleteAsync(new ResourceTemplateReference { Uri = "platform://{org}/tasks/{key}" }, "org", "", cancellationToken: ct)).Completion.Values);

        var task = await client.ReadResourceAsync($"platform://{org}/tasks/RES-1", cancellationToken: ct);
        var taskJson = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(task.Contents)).Text).RootElement;
        Assert.Equal("Build the cache", taskJson.GetProperty("title").GetString());
        var document = await client.ReadResourceAsync($"platform://{org}/docs/{documentId}", cancellationToken: ct);
        Assert.Equal("# Cache\nRedis, 7 days.", Assert.IsType<TextResourceContents>(Assert.Single(document.Contents)).Text);
        var foreign = await Assert.ThrowsAsync<McpProtocolException>(() => strangerClient.ReadResourceAsync($"platform://{org}/tasks/RES-1", cancellationToken: ct).AsTask());
        Assert.Equal(McpErrorCode.ResourceNotFound, foreign.ErrorCode);

        var prompts = await client.ListPromptsAsync(cancellationToken: ct);
        Assert.Equal(["plan_requirements", "project_status", "review_design"], prompts.Select(p => p.Name).Order());
        var review = await client.GetPromptAsync("review_design", new Dictionary<string, object?> { ["document"] = documentId }, cancellationToken: ct);
        Assert.Contains("Redis, 7 days.", Assert.IsType<TextContentBlock>(Assert.Single(review.Messages).Content).Text, StringComparison.Ordinal);
        var status = await client.GetPromptAsync("project_status", new Dictionary<string, object?> { ["project"] = "res" }, cancellationToken: ct);
        Assert.Contains("- Todo: 1 tasks", Assert.IsType<TextContentBlock>(Assert.Single(status.Messages).Content).Text, StringComparison.Ordinal);

        var projects = await client.CompleteAsync(new PromptReference { Name = "project_status" }, "project", "r", cancellationToken: ct);
        Assert.Equal(["RES"], projects.Completion.Values);
        var keys = await client.CompleteAsync(new ResourceTemplateReference { Uri = "platform://{org}/tasks/{key}" }, "key", "RES-", cancellationToken: ct);
        Assert.Equal(["RES-1"], keys.Completion.Values);
    }

    [Fact]
    public async Task A_user_flooding_the_server_is_slowed_down_with_429()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        // Straight to the AI service, whose replicas share one count in Redis (the gateway's own, lower per-user limit
        // would otherwise answer first).
        using var http = platform.CreateHttpClient("ai");
        HttpResponseMessage? limited = null;
        var passed = 0;
        var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        for (var i = 0; i < 3 * PlatformFixture.McpRequestsPerUserPerMinute && limited is null; i++)
        {
            var response = await RawMcpAsync(http, "ping", token, path: "/mcp");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                passed++;
                response.Dispose();
            }
        }
        Assert.NotNull(limited);
        if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 == minute)
        {
            // Within one counting window the limit is exact.
            Assert.Equal(PlatformFixture.McpRequestsPerUserPerMinute, passed);
        }
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("MCP requests a minute", (await limited.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        limited.Dispose();
    }

    [Fact]
    public async Task A_connection_can_ask_for_read_only_tools_or_some_toolsets()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await using (var readOnly = await platform.ConnectMcpAsync(token, new() { ["X-MCP-Readonly"] = "true" }))
        {
            var tools = await readOnly.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains(tools, t => t.Name == "get_task");
            Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint));
            var hidden = await Assert.ThrowsAsync<McpProtocolException>(() => readOnly.CallToolAsync("create_task",
                new Dictionary<string, object?> { ["project"] = "X", ["title"] = "No" }, cancellationToken: TestContext.Current.CancellationToken).AsTask());
            Assert.Equal(McpErrorCode.InvalidParams, hidden.ErrorCode);
        }
        await using (var documentsOnly = await platform.ConnectMcpAsync(token, query: "?toolsets=documents"))
        {
            var tools = await documentsOnly.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(["edit_document", "list_documents", "read_document"], tools.Select(t => t.Name).Order());
        }
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => platform.ConnectMcpAsync(token, new() { ["X-MCP-Toolsets"] = "tasks,everything" }));
        Assert.Contains("400", unknown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_arguments_are_refused_change_nothing_and_leave_the_client_working()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "BIG", "Big");
        await using var client = await platform.ConnectMcpAsync(token);
        using (var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "BIG", title = "Small", type = "notes", content = "Short." }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var documentId = (await CallAsync(client, "list_documents", new() { ["project"] = "BIG" })).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Contains("title", await ToolErrorAsync(client, "create_task", new() { ["project"] = "BIG", ["title"] = new string('t', 501) }), StringComparison.OrdinalIgnoreCase);
        // A request larger than the gateway takes (64 KB in this graph, 10 MB by default) is refused with 413 before anything runs.
        var tooLarge = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync("edit_document",
            new Dictionary<string, object?> { ["id"] = documentId, ["edits"] = new object[] { new { oldText = "", newText = new string('x', PlatformFixture.GatewayMaxRequestBodyBytes) } } },
            cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        Assert.Empty((await CallAsync(client, "list_tasks", new() { ["project"] = "BIG" })).GetProperty("items").EnumerateArray());
        Assert.Equal("Short.", (await CallAsync(client, "read_document", new() { ["id"] = documentId })).GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_assistant_catches_up_with_recent_activity()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "ACT", "Activity");
        await platform.NewProjectAsync(token, "OTHER", "Other");
        await using var client = await platform.ConnectMcpAsync(token);
        await CallAsync(client, "create_task", new() { ["project"] = "ACT", ["title"] = "Write the plan" });
        await CallAsync(client, "transition_task", new() { ["key"] = "ACT-1", ["state"] = "In Progress" });
        await CallAsync(client, "add_comment", new() { ["key"] = "ACT-1", ["body"] = "Half done." });
        await CallAsync(client, "create_task", new() { ["project"] = "OTHER", ["title"] = "Elsewhere" });

        JsonElement activity = default;
        await Eventually.TrueAsync(async () =>
        {
            activity = await CallAsync(client, "get_recent_activity", []);
            if (activity.GetProperty("items").GetArrayLength() >= 4)
            {
                return true;
            }
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            return false;
        }, async () => activity.ToString());
        var items = (await CallAsync(client, "get_recent_activity", new() { ["project"] = "ACT" })).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["task.commented", "task.moved", "task.created"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.All(items, i => Assert.Equal("ACT-1", i.GetProperty("subject").GetString()));
        Assert.Equal("Commented: Half done.", items[0].GetProperty("summary").GetString());
        Assert.Equal("Moved from Todo to In Progress", items[1].GetProperty("summary").GetString());
        Assert.Equal("Write the plan", items[2].GetProperty("title").GetString());

        // Newest first across projects, page after page without gaps or repeats.
        static List<string> Entries(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind")} {i.GetProperty("subject")}")];
        var all = Entries(await CallAsync(client, "get_recent_activity", []));
        Assert.Equal(4, all.Count);
        var firstPage = await CallAsync(client, "get_recent_activity", new() { ["limit"] = 2 });
        var nextPage = await CallAsync(client, "get_recent_activity", new() { ["limit"] = 2, ["cursor"] = firstPage.GetProperty("nextCursor").GetString() });
        Assert.Equal(all, [.. Entries(firstPage), .. Entries(nextPage)]);
        Assert.Empty((await CallAsync(client, "get_recent_activity", new() { ["since"] = DateTimeOffset.UtcNow.AddMinutes(5) })).GetProperty("items").EnumerateArray());
        Assert.Contains("cursor", await ToolErrorAsync(client, "get_recent_activity", new() { ["cursor"] = "x" }), StringComparison.Ordinal);

        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await using var strangerClient = await platform.ConnectMcpAsync(stranger);
        Assert.Empty((await CallAsync(strangerClient, "get_recent_activity", [])).GetProperty("items").EnumerateArray());
        Assert.Contains("Not found", await ToolErrorAsync(strangerClient, "get_recent_activity", new() { ["project"] = "ACT" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_sessions_other_methods_and_revoked_tokens_get_the_answers_the_spec_prescribes()
    {
        var session = await platform.NewOwnerAccessTokenAsync(AllScopes);
        using var http = platform.CreateHttpClient("gateway");

        // Stateless Streamable HTTP: no session is ever issued, so any session id is unknown (404: initialize again); there is no stream to GET or session to DELETE.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/ai/mcp") { Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json") })
        {
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
            request.Headers.Add("Mcp-Session-Id", "no-such-session");
            using var unknown = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(-32001, (await unknown.JsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        }
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, "/api/ai/mcp");
            request.Headers.Accept.ParseAdd("text/event-stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
            using var refused = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        }

        // A token revoked while a client is connected: its next requests are refused with 401 (which tells the client to
        // sign in again), and a new token carries on where it left off.
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session, new { name = "assistant", scopes = new[] { "projects:read", "projects:write" }, expiresInDays = 1 });
        var body = await created.JsonAsync();
        await platform.NewProjectAsync(session, "REVOKE", "Revoke");
        await using (var client = await platform.ConnectMcpAsync(body.GetProperty("token").GetString()!))
        {
            await CallAsync(client, "create_task", new() { ["project"] = "REVOKE", ["title"] = "Before" });
            using (var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{body.GetProperty("details").GetProperty("id").GetString()}", session))
            {
                Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            }
            // Services remember a token's answer for at most 15 seconds.
            HttpRequestException? refused = null;
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await client.CallToolAsync("list_projects", cancellationToken: TestContext.Current.CancellationToken);
                    await Task.Delay(1000, TestContext.Current.CancellationToken);
                    return false;
                }
                catch (HttpRequestException e)
                {
                    refused = e;
                    return true;
                }
            }, seconds: 30);
            Assert.Equal(HttpStatusCode.Unauthorized, refused!.StatusCode);
        }
        await using var renewed = await platform.ConnectMcpAsync(session);
        var tasks = await CallAsync(renewed, "list_tasks", new() { ["project"] = "REVOKE" });
        Assert.Equal(["Before"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
    }

    /// <summary>One JSON-RPC request as a plain HTTP POST, for what an MCP client library would not send or would hide.</summary>
    private static async Task<HttpResponseMessage> RawMcpAsync(
        HttpClient http, string method, string? token, string? origin = null, string path = "/api/ai/mcp", object? parameters = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(parameters is null ? new { jsonrpc = "2.0", id = 1, method } : (object)new { jsonrpc = "2.0", id = 1, method, @params = parameters }),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The JSON-RPC messages of a response stream (server-sent events), in the order they were sent.</summary>
    private static async Task<List<JsonElement>> ServerSentMessagesAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return [.. body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => JsonDocument.Parse(line["data:".Length..]).RootElement)];
    }

    /// <summary>A progress notification as "progress/total message".</summary>
    private static string Step(JsonElement notification)
    {
        var progress = notification.GetProperty("params");
        return $"{progress.GetProperty("progress")}/{progress.GetProperty("total")} {progress.GetProperty("message").GetString()}";
    }
}
