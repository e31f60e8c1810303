using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Platform.Collaboration.Data;
using Platform.Collaboration.Editing;
using Platform.Collaboration.Ot;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;

namespace Platform.Collaboration.Documents;

/// <summary>
/// The organization's documents as things with a title, a type and a history: created, renamed and deleted here
/// (editing their text is the hub's). Every change marks the document changed so one event follows.
/// </summary>
public sealed class DocumentCatalog(
    CollaborationDbContext db, TenantContext tenant, LiveDocuments live, IHubContext<DocumentHub, IDocumentClient> hub, TimeProvider clock)
{
    /// <summary>A new document at version 0 with <paramref name="content"/> as its first snapshot.</summary>
    public async Task<Document> CreateAsync(
        ProjectDirectory.ProjectRef project, string title, DocumentType type, string content, string createdBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var document = new Document
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            ProjectId = project.Id,
            ProjectKey = project.Key,
            Title = title.Trim(),
            Type = type,
            Length = CodePoints.Count(content),
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        db.Documents.Add(document);
        db.Snapshots.Add(new DocumentSnapshot { DocumentId = document.Id, Version = 0, OrganizationId = document.OrganizationId, Content = content, TakenAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await new DocumentLog(db).MarkChangedAsync(document.Id, document.OrganizationId, now, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return document;
    }

    /// <summary>The organization's documents, of one project when <paramref name="projectKey"/> is given, by title.</summary>
    public Task<List<Document>> ListAsync(string? projectKey, CancellationToken cancellationToken)
    {
        var key = projectKey?.Trim().ToUpperInvariant();
        return db.Documents.AsNoTracking().Where(d => key == null || d.ProjectKey == key)
            .OrderBy(d => d.Title).ThenBy(d => d.Id).ToListAsync(cancellationToken);
    }

    public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>The text at <paramref name="version"/>; null when the document has no such version.</summary>
    public async Task<string?> TextAtAsync(Guid id, int version, CancellationToken cancellationToken) =>
        (await new DocumentLog(db).TextAtAsync(id, version, cancellationToken))?.ToString();

    /// <summary>The renamed document, or null when there is none.</summary>
    public async Task<Document?> RenameAsync(Guid id, string title, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } document)
        {
            return null;
        }
        document.Title = title.Trim();
        document.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await new DocumentLog(db).MarkChangedAsync(document.Id, document.OrganizationId, document.UpdatedAt, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return document;
    }

    /// <summary>Deletes the document with its log and snapshots, announces it, and tells its editors; false when there is none.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } document)
        {
            return false;
        }
        db.Documents.Remove(document);
        await db.PendingEvents.Where(p => p.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        db.AddIntegrationEvent(new DocumentChanged(document.Id, document.ProjectId, document.Title, DocumentTypes.Name(document.Type), document.Version, Deleted: true)
        {
            OrganizationId = document.OrganizationId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        live.Forget(id);
        await hub.Clients.Group(DocumentHub.Group(id)).Deleted(id);
        return true;
    }

    /// <summary>Who changed what, when: operations after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>; null when there is no such document.</summary>
    public async Task<HistoryEntryView[]?> HistoryAsync(Guid id, int after, int limit, CancellationToken cancellationToken)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }
        var rows = await db.Operations.AsNoTracking().Where(o => o.DocumentId == id && o.Version > after).OrderBy(o => o.Version).Take(limit)
            .Select(o => new { o.Version, o.AuthorId, o.CommittedAt, o.Op }).ToListAsync(cancellationToken);
        return [.. rows.Select(o =>
        {
            var op = TextOperationJsonConverter.Parse(o.Op);
            return new HistoryEntryView(o.Version, o.AuthorId, o.CommittedAt, op.InsertedLength, op.DeletedLength, op);
        })];
    }
}
