using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The gateway's limits, counted in Redis so they hold across every gateway replica: one counter per user and one per
/// organization (or per address for anonymous callers). Over a limit the caller gets 429 with Retry-After.
/// </summary>
public sealed class RedisRateLimiter(RedisRateCounter counter, IOptionsMonitor<RateLimitOptions> options, IMeterFactory meters)
{
    private readonly Counter<long> _rejected = meters.Create("Platform.Gateway").CreateCounter<long>(
        "platform.gateway.rate_limited", description: "Requests refused with 429.");

    /// <summary>Null when the request may pass; otherwise the seconds until the caller may try again.</summary>
    public async Task<int?> RetryAfterAsync(HttpContext context)
    {
        var limits = options.CurrentValue;
        var user = context.User.FindFirstValue(PlatformClaimTypes.Subject);
        var organization = context.User.FindFirstValue(PlatformClaimTypes.Organization);
        (string Key, int Limit)[] counters = user is null
            ? [($"anon:{context.Connection.RemoteIpAddress}", limits.PerAnonymousAddressPerMinute)]
            : [($"user:{user}", limits.PerUserPerMinute), ($"org:{organization}", limits.PerOrganizationPerMinute)];

        if (await counter.CountAsync(counters) is not { } over)
        {
            return null;
        }
        _rejected.Add(1, new KeyValuePair<string, object?>("counter", over.Key.Split(':')[0]));
        return over.RetryAfterSeconds;
    }
}
