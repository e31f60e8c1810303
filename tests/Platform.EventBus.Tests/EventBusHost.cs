using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Data;
using Platform.EventBus.Outbox;
using Platform.Testing;

namespace Platform.EventBus.Tests;

/// <summary>A service with the event bus on a test's database and stream prefix: it relays its outbox and consumes its topic.</summary>
public sealed class EventBusHost : IAsyncDisposable
{
    private EventBusHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static IHostApplicationBuilder CreateBuilder(
        string database, string redis, string streamPrefix, HandlerBehaviour? behaviour = null, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        bool appendOnly = false, Action<EventBusBuilder>? moreHandlers = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis,
            ["EventBus:Transport"] = "Redis",
            ["EventBus:StreamPrefix"] = streamPrefix,
            ["EventBus:MaxAttempts"] = "3",
            ["EventBus:RetryBackoff"] = "00:00:00.010",
            ["EventBus:ConsumerTimeout"] = "00:00:02",
            ["EventBus:ClaimInterval"] = "00:00:00.500",
            ["EventBus:RelayPollInterval"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddDbContext<TestDbContext>((services, options) => options.UseNpgsql(database)
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        builder.Services.AddSingleton(behaviour ?? new HandlerBehaviour());
        builder.Services.AddSingleton<AfterCommitLog>();
        var eventBus = builder.AddEventBus<TestDbContext>("notes-consumer").Subscribe<NoteWritten, RecordingHandler>(appendOnly);
        moreHandlers?.Invoke(eventBus);
        return builder;
    }

    public static async Task<EventBusHost> StartAsync(
        string database, string redis, string streamPrefix, HandlerBehaviour? behaviour = null, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        bool appendOnly = false, Action<EventBusBuilder>? moreHandlers = null)
    {
        var host = ((HostApplicationBuilder)CreateBuilder(database, redis, streamPrefix, behaviour, settings, appendOnly, moreHandlers)).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new EventBusHost(host);
    }

    /// <summary>The producer's unit of work: a note and its event, committed together.</summary>
    public static async Task<NoteWritten> WriteNoteAsync(string database, Guid organization, string text, Guid? noteId = null)
    {
        await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database).Options);
        var note = new Note { Id = Guid.NewGuid(), OrganizationId = organization, Text = text };
        var written = new NoteWritten(noteId ?? note.Id, text) { OrganizationId = organization };
        db.Notes.Add(note);
        db.AddIntegrationEvent(written);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return written;
    }

    public static async Task<List<ReceivedNote>> ReceivedAsync(string database)
    {
        await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database).Options);
        return await db.ReceivedNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the handler has committed at least <paramref name="count"/> notes, then returns them all.</summary>
    public static async Task<List<ReceivedNote>> WaitForReceivedAsync(string database, int count)
    {
        await Eventually.TrueAsync(async () => (await ReceivedAsync(database)).Count >= count);
        return await ReceivedAsync(database);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}
