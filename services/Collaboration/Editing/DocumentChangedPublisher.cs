using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;
using Platform.Collaboration.Documents;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Debounced DocumentChanged events: every commit marks its document changed (<see cref="DocumentLog.MarkChangedAsync"/>, in the commit's transaction);
/// this loop sends one event per document once it has been quiet for a moment, or has waited too long. The event goes
/// through the outbox in the same transaction that clears the mark, so none is lost and none is sent twice.
/// </summary>
public sealed class DocumentChangedPublisher(IServiceScopeFactory scopes, IOptions<CollaborationOptions> options, TimeProvider clock, ILogger<DocumentChangedPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Publishing document events failed; retrying");
            }
        }
    }

    public async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var quietSince = now - options.Value.EventQuietPeriod;
        var waitingSince = now - options.Value.EventMaxDelay;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollaborationDbContext>();
        var due = await db.PendingEvents.AsNoTracking()
            .Where(p => p.LastChangeAt <= quietSince || p.FirstChangeAt <= waitingSince)
            .OrderBy(p => p.LastChangeAt).Take(100).ToListAsync(cancellationToken);
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        foreach (var pending in due)
        {
            using (tenant.Enter(pending.OrganizationId))
            {
                await PublishAsync(db, pending, cancellationToken);
            }
        }
    }

    private static async Task PublishAsync(CollaborationDbContext db, PendingDocumentEvent pending, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        // Only the row as read: a change after that moved last_change_at and stays pending for the next round.
        var cleared = await db.PendingEvents
            .Where(p => p.DocumentId == pending.DocumentId && p.LastChangeAt == pending.LastChangeAt)
            .ExecuteDeleteAsync(cancellationToken);
        if (cleared == 0)
        {
            return;
        }
        if (await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == pending.DocumentId, cancellationToken) is { } document)
        {
            var (text, truncated) = Excerpt(await new DocumentLog(db).TextAtAsync(document.Id, document.Version, cancellationToken));
            db.AddIntegrationEvent(new DocumentChanged(document.Id, document.ProjectId, document.Title, DocumentTypes.Name(document.Type), document.Version, Deleted: false)
            {
                OrganizationId = document.OrganizationId,
                Text = text,
                TextTruncated = truncated,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>The text as the event carries it: at most <see cref="DocumentChanged.MaxText"/> units, never half a surrogate pair.</summary>
    private static (string? Text, bool Truncated) Excerpt(Ot.Rope? rope)
    {
        if (rope is null)
        {
            return (null, false);
        }
        var text = rope.ToString();
        if (text.Length <= DocumentChanged.MaxText)
        {
            return (text, false);
        }
        var end = char.IsHighSurrogate(text[DocumentChanged.MaxText - 1]) ? DocumentChanged.MaxText - 1 : DocumentChanged.MaxText;
        return (text[..end], true);
    }
}
