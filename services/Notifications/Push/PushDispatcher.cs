using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.EventBus;
using Platform.Notifications.Data;
using Platform.Notifications.Deliveries;
using Platform.Notifications.Email;

namespace Platform.Notifications.Push;

/// <summary>
/// Pushes due notifications to the recipients' browsers. A pass claims a batch of due pushes (<see cref="DueDeliveries"/>)
/// and, inside each one's organization, sends it to every browser the person turned push on in: it is sent when one push
/// service took it; a browser its push service says is gone is removed; when none took it and one may later, it is tried
/// again.
/// </summary>
public sealed partial class PushDispatcher(
    IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, DeliverySignal signal, PushSender sender, PushKeyring keyring,
    NotificationsMetrics metrics, IOptions<PushOptions> options, IOptions<MailOptions> mail, ILogger<PushDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => keyring.Keys is null
        ? Task.CompletedTask
        : DispatchLoop.RunAsync(
            async cancellationToken => await DispatchDueAsync(cancellationToken) >= options.Value.BatchSize,
            (timeout, cancellationToken) => signal.WaitAsync(Channels.Push, timeout, cancellationToken), Poll,
            e => LogPassFailed(logger, e), stoppingToken);

    /// <summary>One pass: claims the due pushes and sends them; returns how many it claimed (tests call it directly).</summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) => DueDeliveries.AttemptEachAsync(
        scopes, tenant, Channels.Push, clock.GetUtcNow(), options.Value.BatchSize, AttemptAsync, cancellationToken);

    private async Task AttemptAsync(NotificationsDbContext db, DueDeliveries.Due due, CancellationToken cancellationToken)
    {
        var notification = due.Notification;
        var devices = await db.PushDevices.Where(d => d.UserId == notification.RecipientId).ToListAsync(cancellationToken);
        var content = PushContent.Of(notification, mail.Value.WebAddress).ToJson();
        var answers = new List<(PushSender.Answer Answer, string? Error)>();
        foreach (var device in devices)
        {
            var answer = await sender.SendAsync(device, content, notification.Critical, cancellationToken);
            answers.Add(answer);
            if (answer.Answer == PushSender.Answer.Accepted)
            {
                device.LastPushedAt = clock.GetUtcNow();
            }
            else if (answer.Answer == PushSender.Answer.Gone)
            {
                db.PushDevices.Remove(device);
            }
        }

        var accepted = answers.Count(a => a.Answer == PushSender.Answer.Accepted);
        due.Delivery.Address = $"{accepted} of {devices.Count} browser{(devices.Count == 1 ? "" : "s")}";
        var outcome = accepted > 0 ? AttemptOutcome.Success
            : answers.Count == 0 ? new AttemptOutcome(false, true, "Not pushed: no browser has push turned on for this person any more.")
            : new AttemptOutcome(false, !answers.Any(a => a.Answer == PushSender.Answer.Later), string.Join(" ", answers.Select(a => a.Error).Distinct()));
        DueDeliveries.Record(db, [due.Delivery], outcome, notification.CreatedAt, due.Scheduled, clock.GetUtcNow(), metrics);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the push dispatcher failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
