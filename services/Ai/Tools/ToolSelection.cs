using System.Collections.Frozen;
using ModelContextProtocol.Server;

namespace Platform.Ai.Tools;

/// <summary>The group a tool class belongs to, for clients that enable only some groups.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ToolsetAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Which tools a connection sees, so a client's context is not flooded by tools it does not need: read-only mode keeps
/// only tools annotated read-only; toolsets keep only the named groups. Chosen per connection by headers
/// (<c>X-MCP-Readonly: true</c>, <c>X-MCP-Toolsets: tasks,documents</c>) or the same as query parameters on the URL
/// (<c>?readonly=true&amp;toolsets=tasks</c>), for clients that cannot set headers.
/// </summary>
public static class ToolSelection
{
    public static readonly FrozenSet<string> Toolsets = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "projects", "tasks", "documents", "files", "search");

    /// <summary>What the request asks for, or an error message naming what is wrong with it.</summary>
    public static (bool ReadOnly, string[]? Toolsets, string? Error) Read(HttpRequest request)
    {
        var readOnlyText = Setting(request, "X-MCP-Readonly", "readonly");
        var readOnly = false;
        if (readOnlyText is not null && !bool.TryParse(readOnlyText, out readOnly))
        {
            return (false, null, $"Read-only mode is 'true' or 'false', not '{readOnlyText}'.");
        }
        var toolsets = Setting(request, "X-MCP-Toolsets", "toolsets")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = toolsets?.Where(t => !Toolsets.Contains(t)).ToList();
        return unknown is { Count: > 0 }
            ? (readOnly, toolsets, $"Unknown toolset(s): {string.Join(", ", unknown)}. Toolsets are {string.Join(", ", Toolsets.Order())}.")
            : (readOnly, toolsets, null);
    }

    /// <summary>Removes from this connection's tool collection what it did not ask for.</summary>
    public static Task ApplyAsync(HttpContext context, McpServerOptions options, CancellationToken cancellationToken)
    {
        var (readOnly, toolsets, _) = Read(context.Request);
        if (options.ToolCollection is not { } tools || (!readOnly && toolsets is null))
        {
            return Task.CompletedTask;
        }
        foreach (var tool in tools.ToArray())
        {
            var toolset = tool.Metadata.OfType<ToolsetAttribute>().FirstOrDefault()?.Name;
            if ((readOnly && tool.ProtocolTool.Annotations?.ReadOnlyHint != true)
                || (toolsets is not null && !toolsets.Contains(toolset, StringComparer.OrdinalIgnoreCase)))
            {
                tools.Remove(tool);
            }
        }
        return Task.CompletedTask;
    }

    private static string? Setting(HttpRequest request, string header, string query)
    {
        var value = request.Headers[header].ToString();
        if (value.Length == 0)
        {
            value = request.Query[query].ToString();
        }
        return value.Length == 0 ? null : value;
    }
}
