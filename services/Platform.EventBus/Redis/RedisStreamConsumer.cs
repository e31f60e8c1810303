using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventBus.Consuming;
using StackExchange.Redis;

namespace Platform.EventBus.Redis;

/// <summary>
/// Reads the service's topics as one consumer of the service's consumer group. Events are
/// acknowledged after their handler committed; a failing handler is retried with backoff and then
/// dead-lettered with its error; events left pending by a consumer that died are claimed (XAUTOCLAIM)
/// and handled here; an event that keeps killing its consumers is dead-lettered after
/// <see cref="EventBusOptions.MaxDeliveries"/> deliveries.
/// </summary>
public sealed partial class RedisStreamConsumer(
    IConnectionMultiplexer redis,
    EventDispatcher dispatcher,
    Subscriptions subscriptions,
    EventBusTelemetry telemetry,
    IOptions<EventBusOptions> options,
    ILogger<RedisStreamConsumer> logger) : BackgroundService
{
    /// <summary>This process's name in the group; a restarted process is a new consumer, its predecessor's events are claimed.</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    private const int MinEventsPerLane = 16;

    private EventBusOptions Settings => options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(subscriptions.Topics.Select(topic => ConsumeAsync(topic, stoppingToken)));

    private async Task ConsumeAsync(string topic, CancellationToken stoppingToken)
    {
        var stream = RedisStreams.Stream(Settings, topic);
        var appended = new WakeUp();
        var subscribed = false;
        var nextClaim = DateTimeOffset.MinValue;
        RedisValue claimCursor = "0-0";
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var database = redis.GetDatabase();
                if (!subscribed)
                {
                    // The multiplexer renews the subscription itself after a reconnect.
                    await redis.GetSubscriber().SubscribeAsync(RedisStreams.Appended(Settings, topic), (_, _) => appended.Notify());
                    subscribed = true;
                }

                if (!groupReady)
                {
                    await CreateGroupAsync(database, stream);
                    groupReady = true;
                }

                if (DateTimeOffset.UtcNow >= nextClaim)
                {
                    claimCursor = await ClaimAbandonedAsync(database, topic, claimCursor, stoppingToken);
                    await ForgetDeadConsumersAsync(database, stream);
                    nextClaim = DateTimeOffset.UtcNow + Settings.ClaimInterval;
                }

                var entries = await database.StreamReadGroupAsync(stream, Settings.ServiceName, ConsumerName, StreamPosition.NewMessages, Settings.BatchSize);
                if (entries.Length == 0)
                {
                    // StackExchange.Redis multiplexes one connection, so no blocking read: wait for a
                    // publisher's announcement, or poll now and then in case one was missed.
                    await appended.WaitAsync(Settings.IdlePollInterval, stoppingToken);
                    continue;
                }

                await ProcessAsync(database, topic, entries, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Unacknowledged events stay pending and come back through the claim; the loop itself never stops.
                LogConsumeFailed(logger, topic, e);
                groupReady = false;
                await Task.Delay(Settings.RetryBackoff, stoppingToken);
            }
        }
    }

    private async Task CreateGroupAsync(IDatabase database, RedisKey stream)
    {
        try
        {
            // From the stream's start: events published before this service first ran are still handled.
            await database.StreamCreateConsumerGroupAsync(stream, Settings.ServiceName, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>
    /// Handles a batch in lanes: a subject always falls in the same lane, lanes run in parallel, and each
    /// lane handles its events in stream order in one transaction. Then one XACK for what is done.
    /// </summary>
    private async Task ProcessAsync(IDatabase database, string topic, StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var batch = entries.Where(e => !e.IsNull).Select(entry => (Entry: entry, Incoming: Read(entry))).ToList();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<RedisValue>();
        // A transaction costs a few round trips of its own: a small batch gets fewer lanes, each with enough events to pay for it.
        var laneCount = (uint)Math.Clamp(batch.Count / MinEventsPerLane, 1, Settings.Concurrency);
        var lanes = batch.GroupBy(item => (uint)StringComparer.Ordinal.GetHashCode(item.Incoming.OrderingKey) % laneCount);
        await Parallel.ForEachAsync(lanes,
            new ParallelOptions { MaxDegreeOfParallelism = Settings.Concurrency, CancellationToken = cancellationToken },
            async (lane, token) =>
            {
                foreach (var entry in await HandleLaneAsync(database, topic, [.. lane], token))
                {
                    acknowledged.Add(entry);
                }
            });

        if (!acknowledged.IsEmpty)
        {
            await database.StreamAcknowledgeAsync(RedisStreams.Stream(Settings, topic), Settings.ServiceName, [.. acknowledged]);
        }
    }

    /// <summary>The lane's events in one transaction; if a handler fails, one by one with retries. Returns the ids to acknowledge.</summary>
    private async Task<List<RedisValue>> HandleLaneAsync(IDatabase database, string topic, List<(StreamEntry Entry, IncomingEvent Incoming)> lane, CancellationToken cancellationToken)
    {
        var done = new List<RedisValue>(lane.Count);
        var handleable = new List<(StreamEntry Entry, IncomingEvent Incoming)>(lane.Count);
        foreach (var (entry, incoming) in lane)
        {
            if (incoming.Rejection is { } reason)
            {
                await DeadLetterAsync(database, topic, entry, reason, attempts: 0);
            }
            else
            {
                handleable.Add((entry, incoming));
            }
        }

        if (handleable.Count > 1)
        {
            try
            {
                await dispatcher.HandleAsync(handleable.ConvertAll(item => item.Incoming), cancellationToken);
                done.AddRange(handleable.Select(item => item.Entry.Id));
                return done;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing of the lane was saved; find the failing event by handling them singly.
            }
        }

        foreach (var (entry, incoming) in handleable)
        {
            if (await HandleWithRetriesAsync(database, topic, entry, incoming, cancellationToken))
            {
                done.Add(entry.Id);
            }
        }

        return done;
    }

    private IncomingEvent Read(StreamEntry entry) => entry[RedisStreams.EventField] is { IsNull: false } message
        ? dispatcher.Read((byte[])message!)
        : IncomingEvent.Rejected($"The stream entry has no \"{RedisStreams.EventField}\" field holding a CloudEvent.");

    /// <summary>True when the event is done and may be acknowledged; false when it was dead-lettered (and acknowledged with that).</summary>
    private async Task<bool> HandleWithRetriesAsync(IDatabase database, string topic, StreamEntry entry, IncomingEvent incoming, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dispatcher.HandleAsync([incoming], cancellationToken);
                return true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, incoming.CloudEvent!.Type, incoming.CloudEvent.Id, attempt, e);
                if (attempt >= Settings.MaxAttempts)
                {
                    await DeadLetterAsync(database, topic, entry, $"{e.GetType().FullName}: {e.Message}", attempt);
                    return false;
                }

                await Task.Delay(Settings.BackoffFor(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Copies the entry with its reason to the dead-letter stream and acknowledges it, both or neither.</summary>
    private async Task DeadLetterAsync(IDatabase database, string topic, StreamEntry entry, string reason, int attempts)
    {
        var transaction = database.CreateTransaction();
        _ = transaction.StreamAddAsync(RedisStreams.DeadLetters(Settings, topic),
        [
            new NameValueEntry(RedisStreams.EventField, entry[RedisStreams.EventField].IsNull ? "" : entry[RedisStreams.EventField]),
            new NameValueEntry("error", reason),
            new NameValueEntry("consumer", Settings.ServiceName),
            new NameValueEntry("attempts", attempts),
            new NameValueEntry("stream-id", entry.Id),
            new NameValueEntry("dead-lettered-at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        _ = transaction.StreamAcknowledgeAsync(RedisStreams.Stream(Settings, topic), Settings.ServiceName, entry.Id);
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException($"Dead-lettering entry {entry.Id} of {topic} was not executed.");
        }

        telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("topic", topic));
        LogDeadLettered(logger, entry.Id.ToString(), topic, reason);
    }

    /// <summary>Takes over events other consumers left unacknowledged for longer than the consumer timeout.</summary>
    private async Task<RedisValue> ClaimAbandonedAsync(IDatabase database, string topic, RedisValue cursor, CancellationToken cancellationToken)
    {
        var stream = RedisStreams.Stream(Settings, topic);
        var claim = await database.StreamAutoClaimAsync(stream, Settings.ServiceName, ConsumerName,
            (long)Settings.ConsumerTimeout.TotalMilliseconds, cursor, Settings.BatchSize);
        var claimed = claim.ClaimedEntries.Where(e => !e.IsNull).ToArray();
        if (claimed.Length == 0)
        {
            return claim.NextStartId;
        }

        LogClaimed(logger, claimed.Length, topic);
        var deliveries = (await database.StreamPendingMessagesAsync(stream, Settings.ServiceName, claimed.Length, ConsumerName, claimed[0].Id, claimed[^1].Id))
            .ToDictionary(p => p.MessageId, p => p.DeliveryCount);
        var deliverable = new List<StreamEntry>();
        foreach (var entry in claimed)
        {
            var count = deliveries.GetValueOrDefault(entry.Id);
            if (count > Settings.MaxDeliveries)
            {
                await DeadLetterAsync(database, topic, entry, $"Delivered {count} times without being acknowledged: its consumers stopped while handling it.", count);
            }
            else
            {
                deliverable.Add(entry);
            }
        }

        await ProcessAsync(database, topic, [.. deliverable], cancellationToken);
        return claim.NextStartId;
    }

    /// <summary>
    /// Every restart joins the group as a new consumer; those idle for ten consumer timeouts and holding
    /// nothing pending are removed, so the group does not fill with the dead. (Redis 7.0 counts idle time
    /// from the last delivery, so a quiet live replica may be removed too: harmless, as it holds nothing
    /// and its next read that delivers anything adds it back.)
    /// </summary>
    private async Task ForgetDeadConsumersAsync(IDatabase database, RedisKey stream) =>
        await database.ScriptEvaluateAsync(ForgetSilentConsumers, [stream], [Settings.ServiceName, ConsumerName, (long)(10 * Settings.ConsumerTimeout.TotalMilliseconds)]);

    /// <summary>
    /// Looks and removes in one step: a consumer that read events between a look and a removal would hold them
    /// pending, and removing it would drop them from the group's pending list, where nobody could claim them.
    /// </summary>
    private const string ForgetSilentConsumers = """
        for _, fields in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local consumer = {}
          for i = 1, #fields, 2 do consumer[fields[i]] = fields[i + 1] end
          if consumer['name'] ~= ARGV[2] and consumer['pending'] == 0 and consumer['idle'] > tonumber(ARGV[3]) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], consumer['name'])
          end
        end
        return 0
        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming topic {Topic} failed; retrying.")]
    private static partial void LogConsumeFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Type} failed on event {EventId} (attempt {Attempt}).")]
    private static partial void LogHandlerFailed(ILogger logger, string type, Guid eventId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entry {EntryId} of topic {Topic} moved to the dead-letter stream: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string entryId, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} events of topic {Topic} abandoned by another consumer.")]
    private static partial void LogClaimed(ILogger logger, int count, string topic);
}
