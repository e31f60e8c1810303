using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Ai;

/// <summary>
/// Per-user limit on MCP requests, so one runaway assistant cannot take the platform's capacity. A token bucket per user
/// and replica (the gateway cannot apply its per-user limit here: it lets the endpoint answer anonymous callers itself).
/// </summary>
public static class McpRateLimit
{
    public const string Policy = "mcp-per-user";

    public static IServiceCollection AddMcpRateLimit(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.AddPolicy(Policy, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<AiOptions>>().CurrentValue.RequestsPerUserPerMinute;
            var user = context.User.FindFirst(PlatformClaimTypes.Subject)?.Value ?? context.User.FindFirst("client_id")?.Value ?? "anonymous";
            return RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / perMinute)),
                QueueLimit = 0,
            });
        });
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"More than the allowed MCP requests a minute for this user; retry in {retryAfter} s.").ExecuteAsync(rejected.HttpContext);
        };
    });
}
