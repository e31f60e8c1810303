using Platform.Contracts;
using StackExchange.Redis;

namespace Platform.Notifications.Inbox;

/// <summary>Tells the web client that a person's inbox changed (<see cref="LiveNotices.InboxChanged"/>), once the change is committed.</summary>
public sealed class InboxNotices(IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Changed = RedisChannel.Literal(LiveNotices.InboxChanged);

    /// <summary>Fire and forget: a page that misses it reads the inbox when it opens, and a Redis outage must not fail the change.</summary>
    public void Tell(Guid organizationId, Guid userId) =>
        redis.GetSubscriber().Publish(Changed, $"{organizationId}/{userId}", CommandFlags.FireAndForget);
}
