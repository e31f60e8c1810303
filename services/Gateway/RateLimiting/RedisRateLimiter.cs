using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Fixed one-minute windows counted in Redis, so the limits hold across every gateway replica: one
/// counter per user and one per organization (or per address for anonymous callers). Over a limit the
/// caller gets 429 with Retry-After. If Redis is unreachable requests pass: an outage of the counter
/// store must not become an outage of the platform.
/// </summary>
public sealed class RedisRateLimiter(
    IConnectionMultiplexer redis, IOptionsMonitor<RateLimitOptions> options, ILogger<RedisRateLimiter> logger, IMeterFactory meters)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // INCR and set the window's expiry in one step; returns the count and the seconds left in the window.
    private static readonly LuaScript CountScript = LuaScript.Prepare(
        "local count = redis.call('INCR', @key) " +
        "if count == 1 then redis.call('EXPIRE', @key, @window) end " +
        "return { count, redis.call('TTL', @key) }");

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

        try
        {
            var database = redis.GetDatabase();
            var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
            foreach (var (key, limit) in counters)
            {
                var result = (RedisResult[])(await database.ScriptEvaluateAsync(CountScript,
                    new { key = (RedisKey)$"ratelimit:{key}:{minute}", window = (int)Window.TotalSeconds }))!;
                if ((long)result[0] > limit)
                {
                    _rejected.Add(1, new KeyValuePair<string, object?>("counter", key.Split(':')[0]));
                    return Math.Max(1, (int)result[1]);
                }
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Rate limits are not enforced: Redis is unreachable.");
        }

        return null;
    }
}
