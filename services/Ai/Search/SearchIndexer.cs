using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;

namespace Platform.Ai.Search;

/// <summary>
/// Keeps the search index in step with the platform from its integration events: the events carry the text (task
/// title, description, comments; a document's text at the version it reached), so indexing reads no other service.
/// Runs in the event consumer's transaction, in the event's organization. Replicas may handle two events of one task at
/// the same time, so the later event wins (by when it happened), and a deleted task or document stays deleted. New or
/// changed passages are stored without an embedding; <see cref="PassageEmbedding"/> embeds them once they are committed.
/// </summary>
public sealed class SearchIndexer(AiDbContext db, AfterCommit afterCommit, PassageEmbedding embedding)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<CommentAdded>, IHandles<TaskDeleted>, IHandles<DocumentChanged>,
        IHandles<FileTextExtracted>, IHandles<FileDeleted>
{
    // The indexer lives in the consumer's scope, which is one transaction: every change it makes commits together, so
    // one index version per organization serves them all (a task renamed with many comments takes one, not one each).
    private readonly Dictionary<Guid, long> _versions = [];

    public Task HandleAsync(TaskCreated created, CancellationToken cancellationToken) =>
        IndexAsync(created.OrganizationId, new SearchSource
        {
            Id = created.TaskId, ProjectId = created.ProjectId, Kind = SourceKind.Task, ResultId = created.TaskId, ResultKey = created.Key,
            Title = created.Title, Body = created.Description ?? "", UpdatedAt = created.OccurredAt,
        }, cancellationToken);

    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        var title = NewText(updated, "title");
        var description = NewText(updated, "description");
        if (title is null && description is null && !updated.Changes.ContainsKey("key"))
        {
            return;
        }
        var known = await db.Sources.FindAsync([updated.TaskId], cancellationToken);
        await IndexAsync(updated.OrganizationId, new SearchSource
        {
            Id = updated.TaskId, ProjectId = updated.ProjectId, Kind = SourceKind.Task, ResultId = updated.TaskId, ResultKey = updated.Key,
            Title = title ?? known?.Title ?? "", Body = description ?? known?.Body ?? "", UpdatedAt = updated.OccurredAt,
        }, cancellationToken);
        if (title is not null || updated.Changes.ContainsKey("key"))
        {
            await RenameCommentsAsync(updated, cancellationToken);
        }
    }

    public Task HandleAsync(CommentAdded comment, CancellationToken cancellationToken) =>
        IndexAsync(comment.OrganizationId, new SearchSource
        {
            Id = comment.CommentId, ProjectId = comment.ProjectId, Kind = SourceKind.Comment, ResultId = comment.TaskId, ResultKey = comment.Key,
            Body = comment.Body, UpdatedAt = comment.OccurredAt,
        }, cancellationToken);

    public Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken) =>
        RemoveAsync(deleted, deleted.TaskId, deleted.ProjectId, cancellationToken);

    public Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken) => changed.Deleted
        ? RemoveAsync(changed, changed.DocumentId, changed.ProjectId, cancellationToken)
        : IndexAsync(changed.OrganizationId, new SearchSource
        {
            Id = changed.DocumentId, ProjectId = changed.ProjectId, Kind = SourceKind.Document, ResultId = changed.DocumentId,
            ResultKey = changed.DocumentId.ToString(), Title = changed.Title, Body = changed.Text ?? "", UpdatedAt = changed.OccurredAt,
        }, cancellationToken);

    /// <summary>
    /// The text inside an attached file is found as the task or document it is attached to (the task's key and the
    /// document's id come from their own sources, indexed before anything could be attached to them).
    /// </summary>
    public async Task HandleAsync(FileTextExtracted extracted, CancellationToken cancellationToken)
    {
        var resultId = extracted.TaskId ?? extracted.TargetId;
        var target = await db.Sources.FindAsync([resultId], cancellationToken);
        await IndexAsync(extracted.OrganizationId, new SearchSource
        {
            Id = extracted.FileId, ProjectId = extracted.ProjectId ?? target?.ProjectId ?? Guid.Empty, Kind = SourceKind.Attachment, ResultId = resultId,
            ResultKey = target?.ResultKey ?? resultId.ToString(), Title = extracted.Name, Body = extracted.Text, UpdatedAt = extracted.OccurredAt,
        }, cancellationToken);
    }

    public async Task HandleAsync(FileDeleted deleted, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(deleted.OrganizationId, cancellationToken);
        if (await db.Sources.FindAsync([deleted.FileId], cancellationToken) is { } source)
        {
            (source.Deleted, source.Body, source.UpdatedAt) = (true, "", deleted.OccurredAt);
        }
        else
        {
            db.Sources.Add(new SearchSource { Id = deleted.FileId, OrganizationId = deleted.OrganizationId, Kind = SourceKind.Attachment, Deleted = true, UpdatedAt = deleted.OccurredAt });
        }

        foreach (var chunk in await db.Chunks.Where(c => c.SourceId == deleted.FileId && !c.Deleted).ToListAsync(cancellationToken))
        {
            Empty(chunk, version);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A task's comments are headed by its key and title (so a comment is found by what its task is about): they follow
    /// the task's current ones, whichever event of the task came last.
    /// </summary>
    private async Task RenameCommentsAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        var task = await db.Sources.FindAsync([updated.TaskId], cancellationToken);
        var comments = await db.Sources.Where(s => s.ResultId == updated.TaskId && (s.Kind == SourceKind.Comment || s.Kind == SourceKind.Attachment) && !s.Deleted)
            .ToListAsync(cancellationToken);
        foreach (var comment in comments)
        {
            comment.ResultKey = task?.ResultKey ?? updated.Key;
            await IndexAsync(updated.OrganizationId, comment, cancellationToken);
        }
    }

    /// <summary>Stores the source and replaces its passages: changed ones rewritten, surplus ones emptied.</summary>
    private async Task IndexAsync(Guid organizationId, SearchSource source, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(organizationId, cancellationToken);
        source.OrganizationId = organizationId;
        // Find: a source this event already read (a task's update) comes from the change tracker, not the database again.
        var stored = await db.Sources.FindAsync([source.Id], cancellationToken);
        if (stored is { } && (stored.Deleted || stored.UpdatedAt > source.UpdatedAt)
            || source.Kind is SourceKind.Comment or SourceKind.Attachment && await db.Sources.AnyAsync(s => s.Id == source.ResultId && s.Deleted, cancellationToken))
        {
            return;
        }
        if (stored is null)
        {
            db.Sources.Add(source);
        }
        else
        {
            db.Entry(stored).CurrentValues.SetValues(source);
        }

        var parent = source.Kind is SourceKind.Comment or SourceKind.Attachment ? await db.Sources.FindAsync([source.ResultId], cancellationToken) : null;
        var heading = source.Kind switch
        {
            SourceKind.Comment => $"{source.ResultKey} {parent?.Title}",
            SourceKind.Attachment when parent is { Kind: SourceKind.Document } => $"{parent.Title} · {source.Title}",
            SourceKind.Attachment => $"{source.ResultKey} {parent?.Title} · {source.Title}",
            SourceKind.Task => $"{source.ResultKey} {source.Title}",
            _ => source.Title,
        };
        var resultKind = source.Kind == SourceKind.Document || parent is { Kind: SourceKind.Document } ? SourceKind.Document : SourceKind.Task;
        var passages = TextChunker.Split(source.Body);
        if (passages.Count == 0)
        {
            passages.Add("");
        }
        var existing = await db.Chunks.Where(c => c.SourceId == source.Id).ToDictionaryAsync(c => c.ChunkNo, cancellationToken);
        for (var i = 0; i < passages.Count; i++)
        {
            if (!existing.TryGetValue(i, out var chunk))
            {
                db.Chunks.Add(chunk = new SearchChunk { OrganizationId = organizationId, SourceId = source.Id, ChunkNo = i });
            }
            if (!chunk.Deleted && chunk.Heading == heading && chunk.Content == passages[i] && chunk.ResultId == source.ResultId
                && chunk.ResultKind == resultKind && chunk.ProjectId == source.ProjectId)
            {
                // The passage is as it was: its embedding stays good.
                continue;
            }
            chunk.ResultId = source.ResultId;
            chunk.ResultKind = resultKind;
            chunk.ProjectId = source.ProjectId;
            chunk.Heading = heading;
            chunk.Content = passages[i];
            chunk.Embedding = null;
            chunk.EmbeddingModel = "";
            chunk.Deleted = false;
            chunk.ChangeSeq = version;
        }
        foreach (var surplus in existing.Values.Where(c => c.ChunkNo >= passages.Count && !c.Deleted))
        {
            Empty(surplus, version);
        }
        await db.SaveChangesAsync(cancellationToken);
        // Once committed, the passages written without an embedding get one (the embedder takes an organization once while it waits).
        afterCommit.Add(() => embedding.Embed(organizationId));
    }

    /// <summary>
    /// A task (with its comments) or a document is gone: its sources stay as tombstones (so a late event cannot bring it
    /// back), its passages are emptied.
    /// </summary>
    private async Task RemoveAsync(IntegrationEvent removal, Guid resultId, Guid projectId, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(removal.OrganizationId, cancellationToken);
        var sources = await db.Sources.Where(s => s.ResultId == resultId).ToListAsync(cancellationToken);
        if (!sources.Any(s => s.Id == resultId))
        {
            var tombstone = new SearchSource { Id = resultId, OrganizationId = removal.OrganizationId, ProjectId = projectId, ResultId = resultId };
            db.Sources.Add(tombstone);
            sources.Add(tombstone);
        }
        foreach (var source in sources)
        {
            source.Deleted = true;
            source.Body = "";
            source.UpdatedAt = removal.OccurredAt;
        }
        foreach (var chunk in await db.Chunks.Where(c => c.ResultId == resultId && !c.Deleted).ToListAsync(cancellationToken))
        {
            Empty(chunk, version);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Empty(SearchChunk chunk, long version)
    {
        chunk.Deleted = true;
        chunk.Content = "";
        chunk.Heading = "";
        chunk.Embedding = null;
        chunk.ChangeSeq = version;
    }

    /// <summary>What a passage's embedding is made of: its heading (task key and title, or document title) and its text.</summary>
    internal static string EmbeddedText(string heading, string passage) => $"{heading}\n{passage}";

    private async Task<long> VersionAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (!_versions.TryGetValue(organizationId, out var version))
        {
            _versions[organizationId] = version = await NextVersionAsync(db, organizationId, cancellationToken);
        }
        return version;
    }

    /// <summary>Takes the organization's next index version; the row stays locked until the transaction ends (see <see cref="SearchIndexVersion"/>).</summary>
    internal static async Task<long> NextVersionAsync(AiDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO search_index_versions (organization_id, version) VALUES ({organizationId}, 1)
            ON CONFLICT (organization_id) DO UPDATE SET version = search_index_versions.version + 1
            RETURNING version AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    private static string? NewText(TaskUpdated updated, string field) =>
        updated.Changes.TryGetValue(field, out var change)
            ? change.New is { ValueKind: JsonValueKind.String } value ? value.GetString() : ""
            : null;
}
