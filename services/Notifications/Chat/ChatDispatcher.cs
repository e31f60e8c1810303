using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;
using Platform.Notifications.Data;
using Platform.Notifications.Deliveries;
using Platform.Notifications.Email;

namespace Platform.Notifications.Chat;

/// <summary>
/// Hands due chat deliveries to the integrations service, which keeps people's Slack and Teams addresses and posts
/// there: a pass claims a batch (<see cref="DueDeliveries"/>) and, inside each one's organization, publishes the
/// notification in its recipient's words through the outbox, in the same commit that takes it off the schedule. The
/// delivery stays queued until the integrations service says what became of it (<see cref="ChatOutcomes"/>).
/// </summary>
public sealed partial class ChatDispatcher(
    IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, DeliverySignal signal, IOptions<MailOptions> mail, ILogger<ChatDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DispatchLoop.RunAsync(
        async cancellationToken => await DispatchDueAsync(cancellationToken) >= BatchSize,
        (timeout, cancellationToken) => signal.WaitAsync(Channels.Chat, timeout, cancellationToken), Poll,
        e => LogPassFailed(logger, e), stoppingToken);

    /// <summary>One pass: claims the due chat deliveries and hands them over; returns how many it claimed (tests call it directly).</summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) => DueDeliveries.AttemptEachAsync(
        scopes, tenant, Channels.Chat, clock.GetUtcNow(), BatchSize, HandOverAsync, cancellationToken);

    private async Task HandOverAsync(NotificationsDbContext db, DueDeliveries.Due due, CancellationToken cancellationToken)
    {
        var n = due.Notification;
        db.AddIntegrationEvent(new NotificationChatRequested(n.Id, n.RecipientId, n.Kind, n.Title, n.Body, EmailComposer.LinkOf(n, mail.Value.WebAddress)?.AbsoluteUri)
            { OrganizationId = n.OrganizationId });
        due.Delivery.Attempts++;
        (due.Delivery.Address, due.Delivery.NextAttemptAt) = ("Handed to the integrations service", null);
        db.Schedule.Remove(due.Scheduled);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the chat dispatcher failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
