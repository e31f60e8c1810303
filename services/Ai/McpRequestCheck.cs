using Microsoft.Extensions.Options;
using Platform.Ai.Tools;

namespace Platform.Ai;

/// <summary>
/// Checks on an MCP request before anything runs. DNS-rebinding protection, as the MCP specification asks of Streamable
/// HTTP servers: a browser page from an origin that is not allowed gets 403. A tool selection the server cannot honour
/// (unknown toolset) gets 400 rather than a silently different tool list. The server is stateless and never issues a
/// session id, so a request that carries one names a session that does not exist: 404, which tells a client to
/// initialize again without one, as the specification prescribes for an unknown session.
/// </summary>
public sealed class McpRequestCheck(RequestDelegate next, IOptionsMonitor<AiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(AiExtensions.McpPath))
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !options.CurrentValue.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                    detail: $"Requests from the origin '{origin}' are not allowed; add it to Ai:AllowedOrigins.").ExecuteAsync(context);
                return;
            }
            if (context.Request.Headers.ContainsKey("Mcp-Session-Id"))
            {
                await Results.Json(new { jsonrpc = "2.0", id = (object?)null, error = new { code = -32001, message = "Session not found: this server keeps no sessions; initialize again without Mcp-Session-Id." } },
                    statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
                return;
            }
            if (ToolSelection.Read(context.Request).Error is { } error)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid tool selection", detail: error).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }
}
