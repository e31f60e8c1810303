using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.EventBus.CloudEvents;

namespace Platform.EventBus.Consuming;

public enum HandlingOutcome
{
    Handled,
    Duplicate,
    Ignored,
}

/// <summary>
/// Turns a message from any transport into a handler call: parse and check the CloudEvent, then handle
/// it once, in the event's tenant, in one transaction with its inbox record.
/// </summary>
public sealed class EventDispatcher(
    IServiceScopeFactory scopes,
    EventBusDatabase database,
    TenantContext tenant,
    Subscriptions subscriptions,
    EventBusTelemetry telemetry,
    IOptions<EventBusOptions> options)
{
    private string? _inboxInsert;

    public IncomingEvent Read(ReadOnlyMemory<byte> message)
    {
        var cloudEvent = CloudEventJson.TryParse(message, out var error);
        if (cloudEvent is null)
        {
            return IncomingEvent.Rejected(error);
        }

        var subscription = subscriptions.Find(cloudEvent.Type);
        if (subscription is null)
        {
            return subscriptions.IsKnown(cloudEvent.Type)
                ? new IncomingEvent(cloudEvent, null, null, null)
                : IncomingEvent.Rejected($"Unknown event type \"{cloudEvent.Type}\": no integration event contract has this type.", cloudEvent);
        }

        if (cloudEvent.SchemaVersion != subscription.EventType.Version)
        {
            return IncomingEvent.Rejected(
                $"{cloudEvent.Type} has schema version {cloudEvent.SchemaVersion}; this consumer handles version {subscription.EventType.Version}.", cloudEvent);
        }

        try
        {
            return new IncomingEvent(cloudEvent, subscription, CloudEventJson.ReadEvent(cloudEvent, subscription.EventType.ClrType), null);
        }
        catch (JsonException e)
        {
            return IncomingEvent.Rejected($"The data of {cloudEvent.Type} does not match its schema: {e.Message}", cloudEvent);
        }
    }

    /// <summary>Handles the event unless the inbox says it was; a handler's exception propagates and nothing of it is saved.</summary>
    public async Task<HandlingOutcome> HandleAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        if (incoming.Rejection is not null || incoming.CloudEvent is not { } cloudEvent)
        {
            throw new InvalidOperationException("A rejected message goes to the dead-letter stream, not to a handler.");
        }

        if (incoming.Subscription is not { } subscription)
        {
            Count(HandlingOutcome.Ignored.ToString());
            return HandlingOutcome.Ignored;
        }

        ActivityContext.TryParse(cloudEvent.TraceParent, cloudEvent.TraceState, out var producer);
        using var activity = EventBusTelemetry.ActivitySource.StartActivity($"process {cloudEvent.Type}", ActivityKind.Consumer, producer);
        activity?.SetTag("messaging.message.id", cloudEvent.Id);
        activity?.SetTag("messaging.consumer.group.name", options.Value.ServiceName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await HandleOnceAsync(cloudEvent, subscription, incoming.Event!, cancellationToken);
            telemetry.HandlingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (outcome == HandlingOutcome.Handled)
            {
                telemetry.EndToEndLatency.Record((DateTimeOffset.UtcNow - cloudEvent.Time).TotalSeconds);
            }

            Count(outcome.ToString());
            return outcome;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            Count("Failed");
            throw;
        }
    }

    private async Task<HandlingOutcome> HandleOnceAsync(CloudEvent cloudEvent, Subscription subscription, Contracts.IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using (tenant.Enter(cloudEvent.OrganizationId))
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            // A copy being handled elsewhere right now blocks here until that transaction ends, then counts as recorded.
            var recorded = await context.Database.ExecuteSqlRawAsync(InboxInsert(context), [options.Value.ServiceName, cloudEvent.Id], cancellationToken);
            if (recorded == 0)
            {
                return HandlingOutcome.Duplicate;
            }

            await subscription.Handle(scope.ServiceProvider, integrationEvent, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return HandlingOutcome.Handled;
        }
    }

    private string InboxInsert(DbContext context)
    {
        if (_inboxInsert is null)
        {
            _inboxInsert = $"INSERT INTO {EventBusModel.TableOf<InboxMessage>(context)} (consumer, event_id, handled_at) VALUES ({{0}}, {{1}}, now()) ON CONFLICT DO NOTHING";
        }

        return _inboxInsert;
    }

    private void Count(string outcome) => telemetry.Handled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToLowerInvariant()));
}
