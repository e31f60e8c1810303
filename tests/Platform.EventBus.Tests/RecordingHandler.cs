using Microsoft.EntityFrameworkCore;
using Platform.EventBus.Consuming;

namespace Platform.EventBus.Tests;

/// <summary>What a test makes the handler do before it writes (throw, wait); nothing by default.</summary>
public sealed class HandlerBehaviour
{
    public Func<NoteWritten, CancellationToken, Task> BeforeWrite { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>What a second handler of the event does once the first has written (see <see cref="SeveralHandlersTests"/>).</summary>
    public Func<NoteWritten, Task> AfterRecording { get; set; } = _ => Task.CompletedTask;
}

public sealed class RecordingHandler(TestDbContext db, HandlerBehaviour behaviour) : IHandles<NoteWritten>
{
    public async Task HandleAsync(NoteWritten integrationEvent, CancellationToken cancellationToken)
    {
        await behaviour.BeforeWrite(integrationEvent, cancellationToken);
        var tenant = await db.Database.SqlQuery<string>($"SELECT current_setting('app.current_organization') AS \"Value\"").SingleAsync(cancellationToken);
        db.ReceivedNotes.Add(new ReceivedNote { EventId = integrationEvent.Id, NoteId = integrationEvent.NoteId, Text = integrationEvent.Text, Tenant = tenant });
    }
}
