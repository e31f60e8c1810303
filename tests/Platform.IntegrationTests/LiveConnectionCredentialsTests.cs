using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Collaboration.Ot;

using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// Connections that stay open (hub connections, MCP listen streams) end when the personal access token they were
/// opened with is revoked, within the 15 seconds REST callers are promised (here with room for a loaded machine).
/// </summary>
public sealed class LiveConnectionCredentialsTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_hub_connection_ends_when_its_token_is_revoked_and_cannot_come_back()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var session = await platform.NewOwnerAccessTokenAsync(AllScopes);
        var (token, tokenId) = await PersonalAccessTokenAsync(session);
        await platform.NewProjectAsync(session, "LIVE", "Live");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", session, new { project = "LIVE", title = "Notes", type = "notes", content = "" });
        var documentId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        await using var hub = DocumentEditor.Connect(Gateway, token);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { ended.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync(cancellationToken);
        await hub.InvokeAsync<System.Text.Json.JsonElement>(DocumentHubContract.Join, documentId, null, cancellationToken);
        Assert.Equal(1, await hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, 0, new object[] { "a" }, "c1", 1L, cancellationToken));

        await RevokeAsync(session, tokenId);
        var clock = Stopwatch.StartNew();
        await ended.Task.WaitAsync(Deadline, cancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"The hub connection ended {clock.Elapsed.TotalSeconds:F1} s after the revocation.");

        await using var again = DocumentEditor.Connect(Gateway, token);
        // WebSockets without negotiation: the upgrade itself is refused with 401.
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => again.StartAsync(cancellationToken));
        Assert.Contains("'401'", refused.Message, StringComparison.Ordinal);
        using var text = await platform.SendAsync(HttpMethod.Get, $"/api/collaboration/documents/{documentId}", session);
        Assert.Equal("a", (await text.JsonAsync()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_mcp_listen_stream_ends_with_an_error_when_its_token_is_revoked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var session = await platform.NewOwnerAccessTokenAsync(AllScopes);
        var (token, tokenId) = await PersonalAccessTokenAsync(session);
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await platform.ConnectMcpAsync(token, options: new McpClientOptions
        {
            Handlers = new()
            {
                NotificationHandlers = [new(NotificationMethods.SubscriptionsAcknowledgedNotification, (_, _) => { acknowledged.TrySetResult(); return default; })],
            },
        });
        var listening = client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray() } },
        }, cancellationToken);
        await acknowledged.Task.WaitAsync(Deadline, cancellationToken);

        await RevokeAsync(session, tokenId);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => listening.WaitAsync(Deadline, cancellationToken));
        TestContext.Current.TestOutputHelper?.WriteLine($"The listen stream ended {clock.Elapsed.TotalSeconds:F1} s after the revocation.");
        Assert.Contains("revoked or has expired", error.Message, StringComparison.Ordinal);
    }

    private Uri Gateway => platform.App.GetEndpoint("gateway", "http");

    private async Task<(string Token, string Id)> PersonalAccessTokenAsync(string session)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session,
            new { name = "live", scopes = new[] { "projects:read", "projects:write", "docs:read", "docs:write" }, expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        return (body.GetProperty("token").GetString()!, body.GetProperty("details").GetProperty("id").GetString()!);
    }

    private async Task RevokeAsync(string session, string tokenId)
    {
        using var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{tokenId}", session);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
    }
}
