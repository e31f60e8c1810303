using System.Globalization;
using Microsoft.Extensions.Options;

namespace Platform.Ai;

/// <summary>
/// Per-user limit on MCP requests, so one runaway assistant cannot take the platform's capacity: counted in Redis
/// (<see cref="RedisRateCounter"/>), so it holds across the AI service's replicas. Over it: 429 with Retry-After.
/// </summary>
public sealed class McpRateLimit(RequestDelegate next, RedisRateCounter counter, IOptionsMonitor<AiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User.ActorId();
        // Anonymous calls are not counted: they get the 401 that tells an MCP client where to sign in.
        if (!context.Request.Path.StartsWithSegments(AiExtensions.McpPath) || context.User.Identity?.IsAuthenticated != true
            || await counter.CountAsync([($"mcp:user:{user}", options.CurrentValue.RequestsPerUserPerMinute)]) is not { } over)
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = over.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"More than {options.CurrentValue.RequestsPerUserPerMinute} MCP requests a minute for this user; retry in {over.RetryAfterSeconds} s.").ExecuteAsync(context);
    }
}
