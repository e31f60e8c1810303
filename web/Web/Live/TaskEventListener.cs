using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Redis;
using StackExchange.Redis;

namespace Platform.Web.Live;

/// <summary>
/// Reads the platform's task events, and the analytics service's changes of a task's risk, from the event bus's Redis
/// streams as they are appended, and hands each to <see cref="LiveFeed{TChange}"/>. Every replica of the web app reads
/// every event (a plain read from the stream's end, not a consumer group, whose members would split them), because each
/// replica serves its own pages; a change that happens while the web app is down is seen by the pages loaded after it,
/// so nothing needs replaying.
/// </summary>
public sealed partial class TaskEventListener(
    IConnectionMultiplexer redis, LiveFeed<TaskChange> feed, IOptions<EventBusOptions> options, ILogger<TaskEventListener> logger) : BackgroundService
{
    /// <summary>The topics followed: tasks and dependencies (projects), and tasks' risk levels (analytics).</summary>
    public static readonly string[] Topics = [EventType.Of<TaskCreated>().Topic, EventType.Of<RiskChanged>().Topic];

    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Topics.Select(topic => FollowAsync(topic, stoppingToken)));

    private async Task FollowAsync(string topic, CancellationToken stoppingToken)
    {
        var stream = RedisStreams.Stream(options.Value, topic);
        var appended = new WakeUp();
        await redis.GetSubscriber().SubscribeAsync(RedisStreams.Appended(options.Value, topic), (_, _) => appended.Notify());
        RedisValue position = "0-0";
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var database = redis.GetDatabase();
                if (!started)
                {
                    // From now on: what happened before is in the pages' first load.
                    var last = await database.StreamRangeAsync(stream, "-", "+", count: 1, messageOrder: Order.Descending);
                    position = last.Length > 0 ? last[0].Id : "0-0";
                    started = true;
                }
                var entries = await database.StreamReadAsync(stream, position, count: 256);
                if (entries.Length == 0)
                {
                    await appended.WaitAsync(IdlePoll, stoppingToken);
                    continue;
                }
                foreach (var entry in entries)
                {
                    position = entry.Id;
                    if (Read(entry) is { } change)
                    {
                        await feed.PublishAsync(change, logger);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReadFailed(logger, topic, e);
                await Task.Delay(IdlePoll, stoppingToken);
            }
        }
    }

    private static TaskChange? Read(StreamEntry entry)
    {
        var json = entry[RedisStreams.EventField];
        if (json.IsNullOrEmpty || CloudEventJson.TryParse((byte[])json!, out _) is not { } cloudEvent)
        {
            return null;
        }
        // A task or risk event names its task; a dependency event changes its successor (what it waits on, whether it is blocked).
        return (cloudEvent.Data.TryGetProperty("key", out var key) || cloudEvent.Data.TryGetProperty("successor", out key))
            && key.ValueKind == JsonValueKind.String
            ? new TaskChange(cloudEvent.OrganizationId, key.GetString()!, cloudEvent.Type) { Parents = Parents(cloudEvent.Data) }
            : null;
    }

    /// <summary>The task's parent, and the one it had before when the change moved it to another (or to none).</summary>
    private static string[] Parents(JsonElement data)
    {
        var parents = new List<string>(2);
        if (data.TryGetProperty("parent", out var parent) && parent.ValueKind == JsonValueKind.String)
        {
            parents.Add(parent.GetString()!);
        }
        if (data.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object
            && changes.TryGetProperty("parent", out var change) && change.ValueKind == JsonValueKind.Object
            && change.TryGetProperty("old", out var old) && old.ValueKind == JsonValueKind.String)
        {
            parents.Add(old.GetString()!);
        }
        return [.. parents];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the {Topic} events failed; trying again")]
    private static partial void LogReadFailed(ILogger logger, string topic, Exception exception);
}
