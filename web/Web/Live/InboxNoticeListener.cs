using Platform.Contracts;
using StackExchange.Redis;

namespace Platform.Web.Live;

/// <summary>A person's inbox changed (committed): their open pages read it again.</summary>
public sealed record InboxChanged(Guid OrganizationId, Guid UserId) : ILiveChange;

/// <summary>
/// Hears the notifications service's notice that a person's inbox changed (<see cref="LiveNotices.InboxChanged"/>: a
/// notification arrived, or was read, archived or snoozed, maybe in another tab) and tells that person's open pages.
/// </summary>
public sealed class InboxNoticeListener(IConnectionMultiplexer redis, LiveFeed<InboxChanged> feed, ILogger<InboxNoticeListener> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveNotices.InboxChanged);

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var parts = message.ToString().Split('/');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var organization) && Guid.TryParse(parts[1], out var user))
            {
                _ = feed.PublishAsync(new InboxChanged(organization, user), logger);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);
}
