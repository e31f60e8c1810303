using StackExchange.Redis;

namespace Platform.EventBus.Redis;

/// <summary>Names and fields on Redis: one stream per topic, a dead-letter stream beside it.</summary>
public static class RedisStreams
{
    /// <summary>The field holding the CloudEvent in a stream entry.</summary>
    public const string EventField = "event";

    public static RedisKey Stream(EventBusOptions options, string topic) => $"{options.StreamPrefix}:{topic}";

    /// <summary>Publishers announce appends here, so idle consumers read at once instead of at their next poll.</summary>
    public static RedisChannel Appended(EventBusOptions options, string topic) => RedisChannel.Literal($"{options.StreamPrefix}:{topic}:appended");

    public static RedisKey DeadLetters(EventBusOptions options, string topic) => $"{options.StreamPrefix}:{topic}:dead-letter";
}
