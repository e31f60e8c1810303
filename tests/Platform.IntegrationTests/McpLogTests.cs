using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using Platform.Testing;

using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>What an operator reads in the AI service's log when clients make mistakes.</summary>
public sealed class McpLogTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_refused_call_is_one_line_in_the_log_without_a_stack_trace()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        var marker = $"no_such_tool_{Guid.NewGuid():N}";
        await using (var client = await platform.ConnectMcpAsync(token))
        {
            await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(marker, cancellationToken: TestContext.Current.CancellationToken).AsTask());
            await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync(marker, cancellationToken: TestContext.Current.CancellationToken).AsTask());
        }
        await using (var readOnly = await platform.ConnectMcpAsync(token, new() { ["X-MCP-Readonly"] = "true" }))
        {
            await Assert.ThrowsAsync<McpProtocolException>(() => readOnly.CallToolAsync("create_task",
                new Dictionary<string, object?> { ["project"] = "X", ["title"] = marker }, cancellationToken: TestContext.Current.CancellationToken).AsTask());
        }

        List<string> lines = [];
        await Eventually.TrueAsync(async () =>
        {
            lines = await AiLogLinesAsync();
            return lines.Count(line => line.Contains(marker, StringComparison.Ordinal)) >= 3;
        }, async () => string.Join("\n", lines.TakeLast(40)));
        Assert.Contains(lines, line => line.Contains($"MCP prompts/get refused: Unknown prompt: '{marker}'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("request handler failed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ModelContextProtocol.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("fail:", StringComparison.Ordinal) && line.Contains("ModelContextProtocol", StringComparison.Ordinal));
    }

    /// <summary>Every line both replicas of the AI service have written so far.</summary>
    private async Task<List<string>> AiLogLinesAsync()
    {
        var ai = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "ai");
        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        await foreach (var batch in logs.GetAllAsync(ai))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }
        return lines;
    }
}
