using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Fixed one-minute windows counted in the graph's Redis, so a limit holds across every replica of a service. If Redis
/// is unreachable requests pass: an outage of the counter store must not become an outage of the platform.
/// </summary>
public sealed class RedisRateCounter(IConnectionMultiplexer redis, ILogger<RedisRateCounter> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // INCR and set the window's expiry in one step; returns the count and the seconds left in the window.
    private static readonly LuaScript CountScript = LuaScript.Prepare(
        "local count = redis.call('INCR', @key) " +
        "if count == 1 then redis.call('EXPIRE', @key, @window) end " +
        "return { count, redis.call('TTL', @key) }");

    /// <summary>
    /// Counts one request against each counter in turn (<c>ratelimit:{key}:{minute}</c>); the first that is over its
    /// limit stops the count and is returned with the seconds until its window ends. Null: the request may pass.
    /// </summary>
    public async Task<(string Key, int RetryAfterSeconds)?> CountAsync(IEnumerable<(string Key, int Limit)> counters)
    {
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
                    return (key, Math.Max(1, (int)result[1]));
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
