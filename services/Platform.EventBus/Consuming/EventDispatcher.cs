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

    /// <summary>
    /// Handles the events in order, in one transaction: each in its own organization, each recorded in
    /// the inbox, each skipped if the inbox already holds it. One commit for the lot is what lets a
    /// consumer keep up with many producers. A handler's exception propagates and nothing of the batch
    /// is saved; the caller then retries the events one by one.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Any(e => e.Rejection is not null))
        {
            throw new InvalidOperationException("A rejected message goes to the dead-letter stream, not to a handler.");
        }

        var started = Stopwatch.GetTimestamp();
        var handled = new List<CloudEvent>(events.Count);
        await using var scope = scopes.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Each handler's SaveChanges needs no savepoint of its own: a failure abandons the whole transaction.
        context.Database.AutoSavepointsEnabled = false;
        foreach (var incoming in events)
        {
            if (incoming.Subscription is not { } subscription)
            {
                Count(HandlingOutcome.Ignored);
                continue;
            }

            if (await HandleOneAsync(context, scope.ServiceProvider, incoming.CloudEvent!, subscription, incoming.Event!, cancellationToken))
            {
                handled.Add(incoming.CloudEvent!);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        telemetry.HandlingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        var committed = DateTimeOffset.UtcNow;
        foreach (var cloudEvent in handled)
        {
            telemetry.EndToEndLatency.Record((committed - cloudEvent.Time).TotalSeconds);
            Count(HandlingOutcome.Handled);
        }
    }

    /// <summary>False when the inbox shows the event was handled before.</summary>
    private async Task<bool> HandleOneAsync(
        DbContext context, IServiceProvider services, CloudEvent cloudEvent, Subscription subscription, Contracts.IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(cloudEvent.TraceParent, cloudEvent.TraceState, out var producer);
        using var activity = EventBusTelemetry.ActivitySource.StartActivity($"process {cloudEvent.Type}", ActivityKind.Consumer, producer);
        activity?.SetTag("messaging.message.id", cloudEvent.Id);
        activity?.SetTag("messaging.consumer.group.name", options.Value.ServiceName);
        using (tenant.Enter(cloudEvent.OrganizationId))
        {
            try
            {
                // One round trip sets the tenant for the rest of this event (row-level security) and records
                // it in the inbox. A copy being handled elsewhere right now blocks here until that
                // transaction ends, and then counts as already handled.
                var recorded = await context.Database.ExecuteSqlRawAsync(
                    InboxInsert(context), [cloudEvent.OrganizationId.ToString(), options.Value.ServiceName, cloudEvent.Id], cancellationToken);
                if (recorded == 0)
                {
                    Count(HandlingOutcome.Duplicate);
                    return false;
                }

                await subscription.Handle(services, integrationEvent, cancellationToken);
                await context.SaveChangesAsync(cancellationToken);
                context.ChangeTracker.Clear();
                return true;
            }
            catch (Exception e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                telemetry.Handled.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                throw;
            }
        }
    }

    private string InboxInsert(DbContext context)
    {
        if (_inboxInsert is null)
        {
            _inboxInsert =
                $"WITH tenant AS (SELECT set_config('{TenantConnectionInterceptor.Setting}', {{0}}, true)) " +
                $"INSERT INTO {EventBusModel.TableOf<InboxMessage>(context)} (consumer, event_id, handled_at) SELECT {{1}}, {{2}}, now() FROM tenant " +
                "ON CONFLICT DO NOTHING";
        }

        return _inboxInsert;
    }

    private void Count(HandlingOutcome outcome) =>
        telemetry.Handled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
}
