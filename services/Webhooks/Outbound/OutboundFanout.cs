using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.EventBus.Consuming;
using Platform.Webhooks.Data;

namespace Platform.Webhooks.Outbound;

/// <summary>
/// Each platform event the organization's enabled endpoints subscribe to becomes one delivery per endpoint, due at once,
/// written in the event consumer's transaction (whose inbox hands each event over once; a unique index per event and
/// endpoint makes sure of it) and woken for the dispatcher.
/// </summary>
public sealed class OutboundFanout(WebhooksDbContext db, TimeProvider clock, IOptions<OutboundOptions> options, AfterCommit afterCommit, OutboundSignal signal)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<TaskDeleted>, IHandles<CommentAdded>, IHandles<TaskCodeChanged>,
      IHandles<DependencyAdded>, IHandles<DependencyRemoved>, IHandles<DocumentChanged>, IHandles<RiskChanged>
{
    public Task HandleAsync(TaskCreated e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(TaskUpdated e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(TaskStateChanged e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(TaskDeleted e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(CommentAdded e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(TaskCodeChanged e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(DependencyAdded e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(DependencyRemoved e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(DocumentChanged e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    public Task HandleAsync(RiskChanged e, CancellationToken cancellationToken) => QueueAsync(e, cancellationToken);

    private async Task QueueAsync(IntegrationEvent happened, CancellationToken cancellationToken)
    {
        var type = OutboundEventTypes.Of(EventType.Of(happened.GetType()).Name);
        var endpoints = await db.Endpoints.AsNoTracking()
            .Where(e => e.DisabledAt == null && e.Recipient == null && e.EventTypes.Contains(type))
            .ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            Queue(db, endpoint, happened, type, options.Value.WebAddress, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        afterCommit.Add(signal.Wake);
    }

    /// <summary>A delivery of <paramref name="happened"/> to <paramref name="endpoint"/>, due now (also used for test messages).</summary>
    public static OutboundDelivery Queue(WebhooksDbContext db, WebhookEndpoint endpoint, IntegrationEvent happened, string type, Uri? webAddress, DateTimeOffset now)
    {
        var delivery = new OutboundDelivery
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = endpoint.OrganizationId,
            EndpointId = endpoint.Id,
            EventId = happened.Id,
            EventType = type,
            Payload = OutboundMessages.Build(endpoint.Format, type, happened, webAddress),
            CreatedAt = now,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
        };
        db.OutboundDeliveries.Add(delivery);
        db.Schedule.Add(new OutboundSchedule { DeliveryId = delivery.Id, OrganizationId = delivery.OrganizationId, DueAt = now });
        return delivery;
    }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
