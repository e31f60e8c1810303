using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Platform.IntegrationTests;

/// <summary>An AI assistant's side of MCP: the official C# client through the gateway, and tool calls that check their outcome.</summary>
internal static class McpCalls
{
    public const string AllScopes = "openid projects:read projects:write docs:read docs:write account";

    /// <summary>
    /// A client on protocol revision 2025-11-25 (the one most clients speak), or with <paramref name="options"/> as given
    /// (without a protocol version: the newest, 2026-07-28).
    /// </summary>
    public static async Task<McpClient> ConnectMcpAsync(
        this PlatformFixture platform, string token, Dictionary<string, string>? headers = null, string query = "", McpClientOptions? options = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(new Uri(platform.App.GetEndpoint("gateway", "http"), "/api/ai/mcp") + query),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string>(headers ?? []) { ["Authorization"] = $"Bearer {token}" },
        });
        return await McpClient.CreateAsync(transport, options ?? new McpClientOptions { ProtocolVersion = "2025-11-25" }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static async Task NewProjectAsync(this PlatformFixture platform, string token, string key, string name)
    {
        using var project = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key, name });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
    }

    public static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.IsError != true, $"{tool} failed: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text))}");
        return result.StructuredContent!.Value;
    }

    public static async Task<string> ToolErrorAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.IsError, $"{tool} should have failed");
        return string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }
}
