using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.Deliveries;

/// <summary>A delivery in the organization's log: to whom, what, through which channel, and where it stands.</summary>
public sealed record OrganizationDelivery(
    Guid Id, Guid NotificationId, Guid RecipientId, string Recipient, string Kind, string Title, string Channel, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>How many notifications of a kind were made, and how their deliveries stand, by channel.</summary>
public sealed record DeliverySummary(DateTimeOffset Since, int Notifications, int Read, KindCount[] ByKind, ChannelCount[] ByChannel);

public sealed record KindCount(string Kind, int Notifications, int Read);

public sealed record ChannelCount(string Channel, string Status, int Deliveries);

/// <summary>The organization's deliveries, for its administrators: the log (failed ones first to look at) and counts.</summary>
public sealed class OrganizationDeliveries(NotificationsDbContext db, TimeProvider clock)
{
    public const int MaxPage = 200;

    public static readonly string[] Statuses = [DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Failed];

    public async Task<OrganizationDelivery[]> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        var deliveries = db.Deliveries.AsNoTracking().Where(d => status == null || d.Status == status);
        return await (
            from d in deliveries
            join n in db.Notifications on d.NotificationId equals n.Id
            join p in db.People on n.RecipientId equals p.UserId
            orderby d.CreatedAt descending
            select new OrganizationDelivery(d.Id, n.Id, n.RecipientId, p.DisplayName, n.Kind, n.Title, d.Channel, d.Status, d.Attempts, d.CreatedAt, d.SentAt, d.LastError))
            .Take(limit).ToArrayAsync(cancellationToken);
    }

    /// <summary>The last <paramref name="days"/> days.</summary>
    public async Task<DeliverySummary> SummaryAsync(int days, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        var kinds = await db.Notifications.AsNoTracking().Where(n => n.CreatedAt >= since)
            .GroupBy(n => n.Kind).Select(g => new KindCount(g.Key, g.Count(), g.Count(n => n.ReadAt != null))).ToListAsync(cancellationToken);
        var channels = await db.Deliveries.AsNoTracking().Where(d => d.CreatedAt >= since)
            .GroupBy(d => new { d.Channel, d.Status }).Select(g => new ChannelCount(g.Key.Channel, g.Key.Status, g.Count())).ToListAsync(cancellationToken);
        return new DeliverySummary(since, kinds.Sum(k => k.Notifications), kinds.Sum(k => k.Read),
            [.. kinds.OrderByDescending(k => k.Notifications)], [.. channels.OrderBy(c => c.Channel).ThenBy(c => c.Status)]);
    }
}
