using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.EventBus.Consuming;
using Platform.Testing;

namespace Platform.EventBus.Tests;

public sealed class SeveralHandlersTests(EventBusFixture fixture)
{
    private readonly Guid _organization = Guid.NewGuid();
    private readonly string _prefix = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_handlers_of_one_event_run_in_their_order_in_one_transaction_and_what_they_leave_for_after_the_commit_runs_once_it_is_committed()
    {
        var database = await fixture.CreateDatabaseAsync();
        var failures = 1;
        // The second handler fails once: the first one's write goes with it, and so does what it left for after the commit.
        var behaviour = new HandlerBehaviour
        {
            AfterRecording = _ => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("the second handler fails once") : Task.CompletedTask,
        };
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix, behaviour,
            moreHandlers: eventBus => eventBus.Subscribe<NoteWritten, AfterRecordingHandler>());
        var log = host.Host.Services.GetRequiredService<AfterCommitLog>();
        var written = await EventBusHost.WriteNoteAsync(database, _organization, "twice handled");

        await Eventually.TrueAsync(() => Task.FromResult(!log.Runs.IsEmpty));
        var run = Assert.Single(log.Runs);
        Assert.Equal(written.Id, run.EventId);
        Assert.True(run.SawFirstHandlersRow, "the second handler did not see the first one's row in its transaction");
        Assert.True(run.RowCommittedWhenRun, "the action after the commit ran before the commit");
        Assert.Single(await EventBusHost.ReceivedAsync(database));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(log.Runs);
    }
}

public sealed record AfterCommitRun(Guid EventId, bool SawFirstHandlersRow, bool RowCommittedWhenRun);

public sealed class AfterCommitLog
{
    public ConcurrentQueue<AfterCommitRun> Runs { get; } = new();
}

/// <summary>A second handler of <see cref="NoteWritten"/>: runs after <see cref="RecordingHandler"/> and tells of the note once it is committed.</summary>
public sealed class AfterRecordingHandler(TestDbContext db, HandlerBehaviour behaviour, AfterCommit afterCommit, AfterCommitLog log) : IHandles<NoteWritten>
{
    public async Task HandleAsync(NoteWritten integrationEvent, CancellationToken cancellationToken)
    {
        var sawFirst = await db.ReceivedNotes.AnyAsync(n => n.EventId == integrationEvent.Id, cancellationToken);
        await behaviour.AfterRecording(integrationEvent);
        var connectionString = db.Database.GetConnectionString()!;
        afterCommit.Add(() => log.Runs.Enqueue(new AfterCommitRun(integrationEvent.Id, sawFirst, IsCommitted(connectionString, integrationEvent.Id))));
    }

    /// <summary>Whether another connection sees the first handler's row.</summary>
    private static bool IsCommitted(string connectionString, Guid eventId)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM received_notes WHERE \"EventId\" = $1", connection) { Parameters = { new() { Value = eventId } } };
        return (long)command.ExecuteScalar()! == 1;
    }
}
