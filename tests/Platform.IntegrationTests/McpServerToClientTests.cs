using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// What the stateless server tells a client of protocol revision 2026-07-28 without being asked, through either
/// replica: changes of the resources it listens to, and questions before destructive tools act.
/// </summary>
public sealed class McpServerToClientTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_client_listening_to_a_task_and_a_document_hears_when_they_change()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "LSN", "Listening");
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(stranger, "LSN", "Theirs");
        var updates = new ConcurrentQueue<string>();
        var acknowledged = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await platform.ConnectMcpAsync(token, options: new McpClientOptions
        {
            Handlers = new()
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) => { acknowledged.TrySetResult(n.Params); return default; }),
                    new(NotificationMethods.ResourceUpdatedNotification, (n, _) => { updates.Enqueue(n.Params!["uri"]!.GetValue<string>()); return default; }),
                ],
            },
        });
        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.True(client.ServerCapabilities.Resources?.Subscribe);

        await CallAsync(client, "create_task", new() { ["project"] = "LSN", ["title"] = "Watched" });
        await CallAsync(client, "create_task", new() { ["project"] = "LSN", ["title"] = "Not watched" });
        Guid document;
        using (var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "LSN", title = "Notes", type = "notes", content = "v1" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            document = (await created.JsonAsync()).GetProperty("id").GetGuid();
        }
        var organization = Assert.Single((await client.CompleteAsync(
            new ResourceTemplateReference { Uri = "platform://{org}/tasks/{key}" }, "org", "", cancellationToken: TestContext.Current.CancellationToken)).Completion.Values);
        var task = $"platform://{organization}/tasks/LSN-1";
        var doc = $"platform://{organization}/docs/{document}";
        var foreign = $"platform://{Guid.NewGuid()}/tasks/LSN-1";

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var listening = client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray(task, doc, foreign, "not a resource") } },
        }, stop.Token);

        var granted = (await acknowledged.Task.WaitAsync(Patience, TestContext.Current.CancellationToken))!["notifications"]!["resourceSubscriptions"]!.AsArray();
        Assert.Equal([task, doc], granted.Select(u => u!.GetValue<string>()));

        await CallAsync(client, "update_task", new() { ["key"] = "LSN-2", ["title"] = "Still not watched" });
        await CallAsync(client, "update_task", new() { ["key"] = "LSN-1", ["title"] = "Watched, renamed" });
        await WaitForAsync(() => updates.Contains(task));
        using (var renamed = await platform.SendAsync(HttpMethod.Patch, $"/api/collaboration/documents/{document}", token, new { title = "Meeting notes" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }
        await WaitForAsync(() => updates.Contains(doc));
        Assert.All(updates, uri => Assert.Contains(uri, new[] { task, doc }));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);
        // The client is still usable after its listen request ends.
        await CallAsync(client, "get_task", new() { ["key"] = "LSN-1" });
    }

    [Fact]
    public async Task A_client_of_an_earlier_revision_is_not_offered_subscriptions_and_is_told_why()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await using var client = await platform.ConnectMcpAsync(token);
        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.NotEqual(true, client.ServerCapabilities.Resources?.Subscribe);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.SubscribeToResourceAsync($"platform://{Guid.NewGuid()}/tasks/X-1", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(McpErrorCode.MethodNotFound, refused.ErrorCode);
        Assert.Contains("subscriptions/listen", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destructive_tool_asks_the_user_first_and_a_no_changes_nothing()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "ASK", "Asking");
        var questions = new ConcurrentQueue<string>();
        var answer = false;
        await using var client = await platform.ConnectMcpAsync(token, options: new McpClientOptions
        {
            Handlers = new()
            {
                ElicitationHandler = (request, _) =>
                {
                    questions.Enqueue(request!.Message);
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = "accept",
                        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(answer) },
                    });
                },
            },
        });
        await CallAsync(client, "create_task", new() { ["project"] = "ASK", ["title"] = "Keep me" });

        var declined = await client.CallToolAsync("delete_task", new Dictionary<string, object?> { ["key"] = "ASK-1" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, declined.IsError);
        Assert.Contains("declined", Text(declined), StringComparison.Ordinal);
        Assert.Equal("Keep me", (await CallAsync(client, "get_task", new() { ["key"] = "ASK-1" })).GetProperty("title").GetString());

        answer = true;
        var deleted = await client.CallToolAsync("delete_task", new Dictionary<string, object?> { ["key"] = "ASK-1" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("deleted", Text(deleted), StringComparison.Ordinal);
        Assert.Contains("Not found", await ToolErrorAsync(client, "get_task", new() { ["key"] = "ASK-1" }), StringComparison.Ordinal);
        Assert.Equal(2, questions.Count);
        Assert.All(questions, q => Assert.Contains("ASK-1 \"Keep me\"", q, StringComparison.Ordinal));

        // An unknown task, or a token that may not write, is an error before anyone is asked.
        Assert.Contains("Not found", await ToolErrorAsync(client, "delete_task", new() { ["key"] = "ASK-9" }), StringComparison.Ordinal);
        await CallAsync(client, "create_task", new() { ["project"] = "ASK", ["title"] = "Read only" });
        using var personal = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", token, new { name = "reader", scopes = new[] { "projects:read" }, expiresInDays = 1 });
        var readOnly = (await personal.JsonAsync()).GetProperty("token").GetString()!;
        await using var reader = await platform.ConnectMcpAsync(readOnly, options: new McpClientOptions
        {
            Handlers = new() { ElicitationHandler = (request, _) => { questions.Enqueue(request!.Message); return ValueTask.FromResult(new ElicitResult { Action = "cancel" }); } },
        });
        Assert.Contains("projects:write", await ToolErrorAsync(reader, "delete_task", new() { ["key"] = "ASK-2" }), StringComparison.Ordinal);
        Assert.Equal(2, questions.Count);
        Assert.Equal("Read only", (await CallAsync(client, "get_task", new() { ["key"] = "ASK-2" })).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_client_that_cannot_ask_relies_on_the_destructive_annotation()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "NOQ", "No questions");
        await using var client = await platform.ConnectMcpAsync(token, options: new McpClientOptions());
        await CallAsync(client, "create_task", new() { ["project"] = "NOQ", ["title"] = "Gone" });

        var tool = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Name == "delete_task");
        Assert.True(tool.ProtocolTool.Annotations!.DestructiveHint);
        var deleted = await client.CallToolAsync("delete_task", new Dictionary<string, object?> { ["key"] = "NOQ-1" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("deleted", Text(deleted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_asking_for_log_messages_hears_what_it_did()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "LOG", "Logging");
        await using (var client = await platform.ConnectMcpAsync(token))
        {
            await CallAsync(client, "create_task", new() { ["project"] = "LOG", ["title"] = "Logged" });
        }
        using var http = platform.CreateHttpClient("gateway");

        // The official C# client does not send a log level yet, so these calls are written out as the revision has them.
        Assert.Equal(["notifications/message info get_task: ok", "result"], await GetTaskMessagesAsync(http, token, "LOG-1", "info"));
        Assert.Equal(["notifications/message warning get_task: refused", "result"], await GetTaskMessagesAsync(http, token, "LOG-9", "info"));
        Assert.Equal(["result"], await GetTaskMessagesAsync(http, token, "LOG-1", "warning"));
        Assert.Equal(["result"], await GetTaskMessagesAsync(http, token, "LOG-1", logLevel: null));
    }

    /// <summary>A get_task call of revision 2026-07-28 with the given log level; what its response stream carried, in order.</summary>
    private static async Task<List<string>> GetTaskMessagesAsync(HttpClient http, string token, string key, string? logLevel)
    {
        var meta = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1" },
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        if (logLevel is not null)
        {
            meta["io.modelcontextprotocol/logLevel"] = logLevel;
        }
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "get_task", ["arguments"] = new JsonObject { ["key"] = key }, ["_meta"] = meta },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ai/mcp") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", "get_task");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return [.. text.Split('\n').Where(line => line.StartsWith("data: {", StringComparison.Ordinal)).Select(line => JsonNode.Parse(line[6..])!).Select(message =>
            message["method"]?.GetValue<string>() is { } method
                ? $"{method} {message["params"]!["level"]} {string.Join(" in ", message["params"]!["data"]!.GetValue<string>().Split(" in ")[..1])}"
                : "result")];
    }

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The notification did not arrive.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
