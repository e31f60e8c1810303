using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.Notifications.Data;

namespace Platform.Notifications.Email;

/// <summary>
/// Sends queued mail. A pass claims a batch of due rows of the schedule for a lease (replicas never send the same one at
/// once; one claimed by a replica that died is sent when its lease ends), opens one connection to the mail server, and
/// sends each inside its own organization, recording the outcome: sent, tried again later (<see cref="EmailRetries"/>),
/// or failed with the reason.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, EmailSignal signal, EmailSender sender, NotificationsMetrics metrics,
    IOptions<MailOptions> options, ILogger<EmailDispatcher> logger) : BackgroundService
{
    /// <summary>How long claimed mail is kept from other replicas: longer than a batch may take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchDueAsync(stoppingToken) < options.Value.BatchSize)
                {
                    await signal.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (Exception e) when ((e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException) && !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    private sealed record Claim(Guid DeliveryId, Guid OrganizationId);

    /// <summary>One pass: claims what is due and sends it; returns how many it claimed (tests call it directly).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        List<Claim> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var now = clock.GetUtcNow();
            claimed = await db.Database.SqlQuery<Claim>($"""
                UPDATE delivery_schedule s SET due_at = {now + Lease}
                WHERE s.delivery_id IN (
                    SELECT delivery_id FROM delivery_schedule WHERE due_at <= {now} ORDER BY due_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING s.delivery_id, s.organization_id
                """).ToListAsync(cancellationToken);
        }

        if (claimed.Count == 0)
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

            if (client is { IsConnected: true })
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
        }

        return claimed.Count;
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
            select new { Delivery = d, Notification = n, Scheduled = s, Person = db.People.SingleOrDefault(p => p.UserId == n.RecipientId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is not { Delivery.Status: DeliveryStatus.Queued })
        {
            await db.Schedule.Where(s => s.DeliveryId == deliveryId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var (delivery, scheduled, person) = (found.Delivery, found.Scheduled, found.Person);
        delivery.Address = person?.Email;
        var outcome = person switch
        {
            // Identity announces a new member apart from the events that concern them: their address may come later.
            null => new EmailSender.Outcome(false, false, "Not sent yet: the identity service has not announced this person's address."),
            { Active: false } => new EmailSender.Outcome(false, true, "Not sent: they are no longer a member."),
            _ when client is null => new EmailSender.Outcome(false, false, unreachable),
            _ => await EmailSender.SendAsync(client, EmailComposer.Compose(found.Notification, person.Email, delivery, options.Value, person.DisplayName), cancellationToken),
        };
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        metrics.Mailed(outcome.Sent);
        if (outcome.Sent)
        {
            (delivery.Status, delivery.SentAt, delivery.NextAttemptAt, delivery.LastError) = (DeliveryStatus.Sent, now, null, null);
            db.Schedule.Remove(scheduled);
            metrics.Delivered(Channels.Email, now - found.Notification.CreatedAt);
        }
        else if (!outcome.Permanent && EmailRetries.After(delivery.Attempts) is { } delay)
        {
            (delivery.NextAttemptAt, delivery.LastError) = (now + delay, outcome.Error);
            scheduled.DueAt = now + delay;
        }
        else
        {
            (delivery.Status, delivery.NextAttemptAt, delivery.LastError) = (DeliveryStatus.Failed, null, outcome.Error);
            db.Schedule.Remove(scheduled);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the email dispatcher failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
