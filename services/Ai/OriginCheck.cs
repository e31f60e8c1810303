using Microsoft.Extensions.Options;

namespace Platform.Ai;

/// <summary>
/// DNS-rebinding protection the MCP specification asks of Streamable HTTP servers: a browser page from an origin that
/// is not allowed gets 403 before anything runs. Only the MCP endpoint is checked.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptionsMonitor<AiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && context.Request.Path.StartsWithSegments(AiExtensions.McpPath)
            && !options.CurrentValue.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                detail: $"Requests from the origin '{origin}' are not allowed; add it to Ai:AllowedOrigins.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
