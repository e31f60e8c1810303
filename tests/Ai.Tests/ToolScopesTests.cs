using System.Reflection;
using ModelContextProtocol.Server;
using Platform.Ai.Tools;

namespace Platform.Ai.Tests;

public sealed class ToolScopesTests
{
    [Fact]
    public void Every_tool_declares_the_scopes_it_may_use_and_only_the_platforms_api_scopes()
    {
        var tools = typeof(ToolScopes).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<McpServerToolTypeAttribute>() is not null)
            .SelectMany(type => type.GetMethods())
            .Select(method => method.GetCustomAttribute<McpServerToolAttribute>()?.Name)
            .OfType<string>()
            .Order()
            .ToList();

        Assert.NotEmpty(tools);
        Assert.Equal(tools, ToolScopes.ByTool.Keys.Order());
        Assert.All(ToolScopes.ByTool.Values, scopes => Assert.All(scopes, scope => Assert.Contains(scope, Microsoft.Extensions.Hosting.PlatformScopes.Api)));
    }
}
