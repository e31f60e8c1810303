using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.EventBus.Redis;

/// <summary>
/// Appends events to their topic's stream. The commands of a batch are pipelined on one connection,
/// so Redis appends them in order. Streams are trimmed of what every consumer group has acknowledged.
/// </summary>
public sealed partial class RedisStreamTransport(IConnectionMultiplexer redis, IOptions<EventBusOptions> options, ILogger<RedisStreamTransport> logger) : IEventTransport
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextTrim = new();

    public async Task PublishAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var appends = new Task<RedisValue>[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            appends[i] = database.StreamAddAsync(RedisStreams.Stream(options.Value, events[i].Topic), RedisStreams.EventField, events[i].CloudEvent);
        }

        await Task.WhenAll(appends).WaitAsync(cancellationToken);
        foreach (var topic in events.Select(e => e.Topic).Distinct())
        {
            await database.PublishAsync(RedisStreams.Appended(options.Value, topic), RedisValue.EmptyString, CommandFlags.FireAndForget);
            await TrimIfDueAsync(database, topic);
        }
    }

    /// <summary>
    /// Drops entries older than the oldest one some group still needs (pending, or not yet delivered),
    /// so no consumer loses an event to trimming. A stream without groups keeps everything.
    /// </summary>
    private async Task TrimIfDueAsync(IDatabase database, string topic)
    {
        var now = DateTimeOffset.UtcNow;
        if (_nextTrim.TryGetValue(topic, out var due) && now < due)
        {
            return;
        }

        _nextTrim[topic] = now + options.Value.TrimInterval;
        try
        {
            var stream = RedisStreams.Stream(options.Value, topic);
            var groups = await database.StreamGroupInfoAsync(stream);
            if (groups.Length == 0)
            {
                return;
            }

            var needed = new List<string>();
            foreach (var group in groups)
            {
                var pending = group.PendingMessageCount > 0 ? await database.StreamPendingAsync(stream, group.Name) : default;
                needed.Add(NeededFrom(pending, group.LastDeliveredId));
            }

            var oldestNeeded = needed.MinBy(StreamId.Parse)!;
            await database.ExecuteAsync("XTRIM", stream, "MINID", "~", oldestNeeded);
        }
        catch (Exception e) when (e is RedisException or FormatException or OverflowException)
        {
            // Trimming is housekeeping: the events are appended already, and failing the publish would append them again.
            LogTrimFailed(logger, topic, e);
        }
    }

    /// <summary>
    /// The id from which a group still needs entries: its lowest pending one, else (nothing pending, including when the
    /// group acknowledged everything between the group info and this read) the last one delivered to it.
    /// </summary>
    public static string NeededFrom(StreamPendingInfo pending, string? lastDelivered) =>
        pending.PendingMessageCount > 0 && !pending.LowestPendingMessageId.IsNullOrEmpty ? pending.LowestPendingMessageId.ToString() : lastDelivered ?? "0-0";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trimming the stream of topic {Topic} failed; the next publish tries again.")]
    private static partial void LogTrimFailed(ILogger logger, string topic, Exception exception);
}

/// <summary>A stream entry id, ordered as Redis orders them.</summary>
internal readonly record struct StreamId(long Milliseconds, long Sequence) : IComparable<StreamId>
{
    public static StreamId Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? new StreamId(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0)
            : new StreamId(long.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public int CompareTo(StreamId other) => (Milliseconds, Sequence).CompareTo((other.Milliseconds, other.Sequence));
}
