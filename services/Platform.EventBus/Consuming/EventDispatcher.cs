using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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
/// Turns a message from any transport into handler calls: parse and check the CloudEvent, then handle
/// it once, in the event's tenant, by each of its handlers in order, in one transaction with its inbox record.
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
    /// Handles the events in order, in one transaction: all recorded in the inbox with one statement,
    /// those the inbox already held skipped, each handled in its own organization. One commit for the
    /// lot is what lets a consumer keep up with many producers, and append-only handlers' writes are
    /// saved together. A handler's exception propagates and nothing of the batch is saved; the caller
    /// then retries the events one by one.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Any(e => e.Rejection is not null))
        {
            throw new InvalidOperationException("A rejected message goes to the dead-letter stream, not to a handler.");
        }

        var started = Stopwatch.GetTimestamp();
        var subscribed = events.Where(e => e.Subscription is not null).ToList();
        foreach (var _ in events.Where(e => e.Subscription is null))
        {
            Count(HandlingOutcome.Ignored);
        }

        if (subscribed.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Each handler's SaveChanges needs no savepoint of its own: a failure abandons the whole transaction.
        context.Database.AutoSavepointsEnabled = false;
        var fresh = await RecordInInboxAsync(context, subscribed.ConvertAll(e => e.CloudEvent!.Id), cancellationToken);
        var handled = new List<CloudEvent>(subscribed.Count);
        Guid? organization = null;
        foreach (var incoming in subscribed)
        {
            var cloudEvent = incoming.CloudEvent!;
            // Removed once handled: a producer that lost its broker's answer publishes again, and both copies can
            // arrive in one batch, where the inbox insert returned the id once.
            if (!fresh.Remove(cloudEvent.Id))
            {
                Count(HandlingOutcome.Duplicate);
                continue;
            }

            if (organization != cloudEvent.OrganizationId)
            {
                // Rows are checked against the organization in force when they are written.
                await SaveAsync(context, cancellationToken);
                organization = cloudEvent.OrganizationId;
                await ExecuteAsync(context, $"SELECT set_config('{TenantConnectionInterceptor.Setting}', $1, true)", cancellationToken, organization.Value.ToString());
            }

            await HandleOneAsync(context, scope.ServiceProvider, cloudEvent, incoming.Subscription!, incoming.Event!, cancellationToken);
            handled.Add(cloudEvent);
        }

        await SaveAsync(context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<AfterCommit>().Run();
        telemetry.HandlingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        var committed = DateTimeOffset.UtcNow;
        foreach (var cloudEvent in handled)
        {
            telemetry.EndToEndLatency.Record((committed - cloudEvent.Time).TotalSeconds);
            Count(HandlingOutcome.Handled);
        }
    }

    private async Task HandleOneAsync(
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
                foreach (var handler in subscription.Handlers)
                {
                    await handler.Handle(services, integrationEvent, cancellationToken);
                    if (!handler.AppendOnly)
                    {
                        await SaveAsync(context, cancellationToken);
                    }
                }
            }
            catch (Exception e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                telemetry.Handled.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                throw;
            }
        }
    }

    /// <summary>Saves what the handlers added or changed since the last save; each handler then starts from a clean context.</summary>
    private static async Task SaveAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.ChangeTracker.HasChanges())
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        context.ChangeTracker.Clear();
    }

    /// <summary>
    /// Inserts the inbox records and returns the ids that were not there yet. A copy being handled
    /// elsewhere right now blocks this until that transaction ends, and then counts as handled.
    /// </summary>
    private async Task<HashSet<Guid>> RecordInInboxAsync(DbContext context, List<Guid> eventIds, CancellationToken cancellationToken)
    {
        _inboxInsert ??= $"INSERT INTO {EventBusModel.TableOf<InboxMessage>(context)} (consumer, event_id, handled_at) " +
            "SELECT $1, id, now() FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id";
        await using var command = Command(context, _inboxInsert, options.Value.ServiceName, eventIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fresh = new HashSet<Guid>(eventIds.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }

        return fresh;
    }

    private static async Task ExecuteAsync(DbContext context, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(context, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command on the context's connection, inside its transaction.</summary>
    private static NpgsqlCommand Command(DbContext context, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)context.Database.CurrentTransaction!.GetDbTransaction());
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private void Count(HandlingOutcome outcome) =>
        telemetry.Handled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
}
