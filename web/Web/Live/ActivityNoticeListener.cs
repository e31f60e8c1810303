using Platform.Contracts;
using StackExchange.Redis;

namespace Platform.Web.Live;

/// <summary>
/// Hears that the AI service committed new entries to an organization's activity feed (<see cref="LiveNotices.ActivityAppended"/>)
/// and tells that organization's open activity pages, which then read the feed again. Listening to the entries' own
/// notice, not to the task events they are made from, is what lets a page never miss an entry: an event can reach this
/// app before the feed has its entry, and an entry committed after the page's first read is always told.
/// </summary>
public sealed class ActivityNoticeListener(IConnectionMultiplexer redis, LiveFeed<ActivityAppended> feed, ILogger<ActivityNoticeListener> logger)
    : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveNotices.ActivityAppended);

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            if (Guid.TryParse(message.ToString(), out var organization))
            {
                _ = feed.PublishAsync(new ActivityAppended(organization), logger);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);
}
