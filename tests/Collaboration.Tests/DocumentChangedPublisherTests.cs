using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Platform.Collaboration.Data;
using Platform.Collaboration.Editing;
using Platform.Contracts;
using Platform.EventBus;
using Platform.EventBus.Outbox;
using Platform.Testing;

namespace Platform.Collaboration.Tests;

/// <summary>
/// The debounce of DocumentChanged, on a real Postgres and on a clock the test moves: one event per quiet spell, and
/// one at the latest after the longest wait while edits keep coming.
/// </summary>
public sealed class DocumentChangedPublisherTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private LocalServers? _servers;
    private IHost? _host;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([CollaborationDataExtensions.ConnectionName], cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{CollaborationDataExtensions.ConnectionName}"] = await _servers.ConnectionStringAsync(CollaborationDataExtensions.ConnectionName, cancellationToken),
            [$"{CollaborationOptions.Section}:{nameof(CollaborationOptions.EventQuietPeriod)}"] = Quiet.ToString(),
            [$"{CollaborationOptions.Section}:{nameof(CollaborationOptions.EventMaxDelay)}"] = MaxDelay.ToString(),
        });
        builder.AddCollaborationData();
        builder.Services.AddOptions<CollaborationOptions>().BindConfiguration(CollaborationOptions.Section);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton<DocumentChangedPublisher>();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CollaborationDbContext>().Database.MigrateAsync(cancellationToken);
    }

    [Fact]
    public async Task A_burst_of_edits_is_one_event_once_the_document_is_quiet()
    {
        var document = await NewDocumentAsync("Burst", "v1");
        await EditAsync(document, after: TimeSpan.FromSeconds(1));
        await EditAsync(document, after: TimeSpan.FromSeconds(1));

        await PublishAfterAsync(TimeSpan.FromSeconds(1.5));
        Assert.Empty(await EventsAsync(document));

        await PublishAfterAsync(TimeSpan.FromSeconds(0.5));
        var changed = Assert.Single(await EventsAsync(document));
        Assert.Equal("Burst", changed.GetProperty("title").GetString());
        Assert.Equal("v1", changed.GetProperty("text").GetString());

        await PublishAfterAsync(TimeSpan.FromSeconds(5));
        Assert.Single(await EventsAsync(document));

        // A later edit is a new quiet spell, and a new event.
        await EditAsync(document, after: TimeSpan.Zero);
        await PublishAfterAsync(Quiet);
        Assert.Equal(2, (await EventsAsync(document)).Count);
    }

    [Fact]
    public async Task A_document_edited_without_pause_gets_its_event_after_the_longest_wait()
    {
        var document = await NewDocumentAsync("Busy", "");
        var waited = TimeSpan.Zero;
        while (waited < MaxDelay - TimeSpan.FromSeconds(1))
        {
            await EditAsync(document, after: TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await PublishAfterAsync(TimeSpan.Zero);
            Assert.Empty(await EventsAsync(document));
        }

        await EditAsync(document, after: TimeSpan.FromSeconds(1));
        await PublishAfterAsync(TimeSpan.Zero);
        Assert.Single(await EventsAsync(document));
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    /// <summary>A document as the create endpoint makes it: its row, its first snapshot, and its change marked at the same moment.</summary>
    private async Task<Guid> NewDocumentAsync(string title, string content)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = _host!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollaborationDbContext>();
        var now = _clock.GetUtcNow();
        var document = new Document
        {
            Id = Guid.CreateVersion7(), OrganizationId = Guid.NewGuid(), ProjectId = Guid.NewGuid(), ProjectKey = "DEB", Title = title,
            Type = DocumentType.Notes, Length = content.Length, CreatedBy = "test", CreatedAt = now, UpdatedAt = now,
        };
        db.Documents.Add(document);
        db.Snapshots.Add(new DocumentSnapshot { DocumentId = document.Id, Version = 0, OrganizationId = document.OrganizationId, Content = content, TakenAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await new DocumentLog(db).MarkChangedAsync(document.Id, document.OrganizationId, now, cancellationToken);
        return document.Id;
    }

    /// <summary>What every commit of an edit does for the events: mark the document changed, now.</summary>
    private async Task EditAsync(Guid documentId, TimeSpan after)
    {
        _clock.Advance(after);
        await using var scope = _host!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollaborationDbContext>();
        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == documentId, TestContext.Current.CancellationToken);
        await new DocumentLog(db).MarkChangedAsync(documentId, document.OrganizationId, _clock.GetUtcNow(), TestContext.Current.CancellationToken);
    }

    private async Task PublishAfterAsync(TimeSpan after)
    {
        _clock.Advance(after);
        await _host!.Services.GetRequiredService<DocumentChangedPublisher>().PublishDueAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The DocumentChanged events of one document in the outbox, as their data.</summary>
    private async Task<List<JsonElement>> EventsAsync(Guid documentId)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollaborationDbContext>();
        var type = EventType.Of<DocumentChanged>().Name;
        var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).ToListAsync(TestContext.Current.CancellationToken);
        return [.. messages.Select(m => JsonDocument.Parse(m.Data).RootElement).Where(e => e.GetProperty("documentId").GetGuid() == documentId)];
    }
}
