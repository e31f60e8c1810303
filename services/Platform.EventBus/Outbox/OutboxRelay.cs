using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventBus.CloudEvents;

namespace Platform.EventBus.Outbox;

/// <summary>
/// Publishes committed outbox rows in commit order and marks them sent. One relay per database holds
/// a Postgres advisory lock and does all its work on the locked connection, so two replicas never
/// publish at once and a relay that lost its connection (and with it the lock) stops publishing.
/// A crash between publishing and marking re-sends those events; consumers' inboxes drop the copies.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    EventBusTelemetry telemetry,
    IOptions<EventBusOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private const long AdvisoryLockKey = 0x0E7E_17B0; // any constant: one lock per database
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (connectionString, table) = Describe();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await WaitForLeadershipAsync(connection, options.Value.RelayPollInterval, stoppingToken);
                LogLeading(logger);
                await RelayAsync(connection, table, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRelayFailed(logger, e);
                await Task.Delay(options.Value.RetryBackoff, stoppingToken);
            }
        }
    }

    private async Task RelayAsync(NpgsqlConnection connection, string table, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextCleanup = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = await PublishBatchAsync(connection, table, settings, stoppingToken);
            if (DateTimeOffset.UtcNow >= nextCleanup)
            {
                await ExecuteAsync(connection,
                    $"DELETE FROM {table} WHERE sequence IN (SELECT sequence FROM {table} WHERE sent_at < now() - $1 LIMIT 10000)",
                    stoppingToken, settings.SentRetention);
                nextCleanup = DateTimeOffset.UtcNow + CleanupInterval;
            }

            if (published < settings.BatchSize)
            {
                await signal.WaitAsync(settings.RelayPollInterval, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(NpgsqlConnection connection, string table, EventBusOptions settings, CancellationToken cancellationToken)
    {
        var batch = new List<OutboxMessage>(settings.BatchSize);
        await using (var select = new NpgsqlCommand(
            $"SELECT sequence, event_id, topic, type, schema_version, subject, organization_id, occurred_at, trace_parent, trace_state, data " +
            $"FROM {table} WHERE sent_at IS NULL ORDER BY sequence LIMIT $1", connection))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = settings.BatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(new OutboxMessage
                {
                    Sequence = reader.GetInt64(0),
                    EventId = reader.GetGuid(1),
                    Topic = reader.GetString(2),
                    Type = reader.GetString(3),
                    SchemaVersion = reader.GetInt32(4),
                    Subject = reader.GetString(5),
                    OrganizationId = reader.GetGuid(6),
                    OccurredAt = reader.GetFieldValue<DateTimeOffset>(7),
                    TraceParent = reader.IsDBNull(8) ? null : reader.GetString(8),
                    TraceState = reader.IsDBNull(9) ? null : reader.GetString(9),
                    Data = reader.GetFieldValue<byte[]>(10),
                });
            }
        }

        telemetry.ReportOutboxLag(batch.Count == 0 ? TimeSpan.Zero : DateTimeOffset.UtcNow - batch[0].OccurredAt);
        if (batch.Count == 0)
        {
            return 0;
        }

        using (var activity = EventBusTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer))
        {
            activity?.SetTag("messaging.batch.message_count", batch.Count);
            var source = "/" + settings.ServiceName;
            await transport.PublishAsync(batch.ConvertAll(m => new OutgoingEvent(m.Topic, m.EventId, CloudEventJson.Serialize(m, source))), cancellationToken);
        }

        await ExecuteAsync(connection, $"UPDATE {table} SET sent_at = now() WHERE sequence = ANY($1)", cancellationToken,
            batch.ConvertAll(m => m.Sequence).ToArray());
        telemetry.Published.Add(batch.Count);
        return batch.Count;
    }

    private (string ConnectionString, string Table) Describe()
    {
        using var scope = scopes.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var table = EventBusModel.TableOf<OutboxMessage>(context);
        // Unpooled: closing the connection must end the session, and with it the advisory lock.
        var connectionString = new NpgsqlConnectionStringBuilder(options.Value.RelayConnectionString ?? context.Database.GetConnectionString()) { Pooling = false };
        return (connectionString.ConnectionString, table);
    }

    /// <summary>
    /// A standby replica asks for the lock now and then until the leader's connection ends. Not one blocking
    /// <c>pg_advisory_lock</c>: a statement that waits holds its snapshot, and for as long as it waits Postgres could
    /// not clean up any row the database's other sessions updated (hot rows grew chains that every read walked).
    /// </summary>
    private static async Task WaitForLeadershipAsync(NpgsqlConnection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
        while (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            await Task.Delay(interval, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica now relays the outbox.")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay failed; unsent events stay in the outbox and are retried.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
