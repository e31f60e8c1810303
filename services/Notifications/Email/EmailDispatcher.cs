using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.EventBus;
using Platform.Notifications.Branding;
using Platform.Notifications.Data;
using Platform.Notifications.Deliveries;
using Platform.Notifications.Unsubscribe;

namespace Platform.Notifications.Email;

/// <summary>
/// Sends queued mail. A pass claims a batch of due mails and digests (<see cref="DueDeliveries"/>), opens one connection
/// to the mail server, and sends each inside its own organization, recording the outcome.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, DeliverySignal signal, EmailSender sender, UnsubscribeLinks unsubscribe,
    NotificationsMetrics metrics, IOptions<MailOptions> options, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DispatchLoop.RunAsync(
        async cancellationToken => await DispatchDueAsync(cancellationToken) >= options.Value.BatchSize,
        (timeout, cancellationToken) => signal.WaitAsync(Channels.Email, timeout, cancellationToken), Poll,
        e => LogPassFailed(logger, e), stoppingToken);

    private sealed record DigestClaim(Guid OrganizationId, Guid UserId);

    /// <summary>One pass: claims what is due (mails and digests) and sends it; returns how many it claimed (tests call it directly).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        List<DueDeliveries.Claim> claimed;
        List<DigestClaim> digests;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var now = clock.GetUtcNow();
            claimed = await DueDeliveries.ClaimAsync(db, Channels.Email, now, options.Value.BatchSize, cancellationToken);
            digests = await db.Database.SqlQuery<DigestClaim>($"""
                UPDATE digest_schedule s SET due_at = {now + DueDeliveries.Lease}
                WHERE (s.organization_id, s.user_id) IN (
                    SELECT organization_id, user_id FROM digest_schedule WHERE due_at <= {now} ORDER BY due_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING s.organization_id, s.user_id
                """).ToListAsync(cancellationToken);
        }

        if (claimed.Count + digests.Count == 0)
        {
            return 0;
        }

        var (client, unreachable) = await sender.ConnectAsync(cancellationToken);
        using (client)
        {
            foreach (var claim in claimed)
            {
                using (tenant.Enter(claim.OrganizationId))
                {
                    await AttemptAsync(claim.DeliveryId, client, unreachable, cancellationToken);
                }
            }

            foreach (var digest in digests)
            {
                using (tenant.Enter(digest.OrganizationId))
                {
                    await AttemptDigestAsync(digest, client, unreachable, cancellationToken);
                }
            }

            if (client is { IsConnected: true })
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
        }

        return claimed.Count + digests.Count;
    }

    private async Task AttemptAsync(Guid deliveryId, SmtpClient? client, string? unreachable, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var found = await (
            from d in db.Deliveries
            join n in db.Notifications on d.NotificationId equals n.Id
            join s in db.Schedule on d.Id equals s.DeliveryId
            where d.Id == deliveryId
            select new
            {
                Delivery = d, Notification = n, Scheduled = s,
                Person = db.People.SingleOrDefault(p => p.UserId == n.RecipientId),
                Branding = db.Brandings.SingleOrDefault(b => b.OrganizationId == n.OrganizationId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is not { Delivery.Status: DeliveryStatus.Queued })
        {
            await db.Schedule.Where(s => s.DeliveryId == deliveryId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var (delivery, scheduled, person, branding) = (found.Delivery, found.Scheduled, found.Person, found.Branding);
        delivery.Address = person?.Email;
        var outcome = await SendAsync(person, client, unreachable,
            () => EmailComposer.Compose(found.Notification, person!.Email, delivery, options.Value, person.DisplayName,
                found.Notification.Critical ? null : unsubscribe.For(person.OrganizationId, person.UserId, found.Notification.Kind), branding), cancellationToken);
        DueDeliveries.Record(db, [delivery], outcome, found.Notification.CreatedAt, scheduled, clock.GetUtcNow(), metrics);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Everything held for the person's digest that is due goes in one mail; what arrived since for a later digest stays,
    /// and the person's digest is then due when the earliest of it is.
    /// </summary>
    private async Task AttemptDigestAsync(DigestClaim claim, SmtpClient? client, string? unreachable, CancellationToken cancellationToken)
    {
        var userId = claim.UserId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        var held = await (
            from d in db.Deliveries
            join n in db.Notifications on d.NotificationId equals n.Id
            where n.RecipientId == userId && d.Digest && d.Status == DeliveryStatus.Queued
            orderby n.CreatedAt
            select new { Delivery = d, Notification = n }).ToListAsync(cancellationToken);
        var due = held.Where(h => h.Delivery.NextAttemptAt <= now).ToList();
        var person = await db.People.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var branding = await scope.ServiceProvider.GetRequiredService<BrandingBook>().CurrentAsync(cancellationToken);
        if (due.Count > 0)
        {
            var outcome = await SendAsync(person, client, unreachable,
                () => EmailComposer.ComposeDigest(due.ConvertAll(h => h.Notification), person!.Email, options.Value, person.DisplayName,
                    unsubscribe.For(person.OrganizationId, person.UserId, UnsubscribeLinks.AllKinds), branding), cancellationToken);
            DueDeliveries.Record(db, due.ConvertAll(h => h.Delivery), outcome, due[0].Notification.CreatedAt, scheduled: null, now, metrics);
            foreach (var delivery in due)
            {
                delivery.Delivery.Address = person?.Email;
            }
        }

        var next = held.Where(h => h.Delivery.Status == DeliveryStatus.Queued).Select(h => h.Delivery.NextAttemptAt).Min();
        var schedule = await db.Digests.SingleAsync(d => d.OrganizationId == claim.OrganizationId && d.UserId == userId, cancellationToken);
        if (next is { } at)
        {
            schedule.DueAt = at;
        }
        else
        {
            db.Digests.Remove(schedule);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<AttemptOutcome> SendAsync(
        Person? person, SmtpClient? client, string? unreachable, Func<MimeKit.MimeMessage> compose, CancellationToken cancellationToken) => person switch
    {
        // Identity announces a new member apart from the events that concern them: their address may come later.
        null => new AttemptOutcome(false, false, "Not sent yet: the identity service has not announced this person's address."),
        { Active: false } => new AttemptOutcome(false, true, "Not sent: they are no longer a member."),
        _ when client is null => new AttemptOutcome(false, false, unreachable),
        _ => await EmailSender.SendAsync(client, compose(), cancellationToken),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the email dispatcher failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
