using Microsoft.EntityFrameworkCore;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Documents in Postgres: the text at any version (nearest snapshot plus the operations after it), the log, and the
/// marks that a document changed, from which <see cref="DocumentChangedPublisher"/> sends one event per quiet document.
/// </summary>
public sealed class DocumentLog(CollaborationDbContext db)
{
    /// <summary>
    /// Marks documents changed at a moment, with the SQL parameters named as the caller's command names them. A mark
    /// already there keeps its first change and moves its last.
    /// </summary>
    public static string MarkChangedSql(string organizationId, string at, string documentIds) => $"""
        INSERT INTO pending_document_events (document_id, organization_id, first_change_at, last_change_at)
        SELECT id, {organizationId}, {at}, {at} FROM unnest({documentIds}::uuid[]) AS id
        ON CONFLICT (document_id) DO UPDATE SET last_change_at = excluded.last_change_at
        """;

    /// <summary>Marks the document changed, in the caller's transaction.</summary>
    public Task MarkChangedAsync(Guid documentId, Guid organizationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(MarkChangedSql("{0}", "{1}", "{2}"), [organizationId, at, new[] { documentId }], cancellationToken);

    /// <summary>The text at <paramref name="version"/>, or null when the document has no such version.</summary>
    public async Task<Rope?> TextAtAsync(Guid documentId, int version, CancellationToken cancellationToken)
    {
        var snapshot = await db.Snapshots.AsNoTracking()
            .Where(s => s.DocumentId == documentId && s.Version <= version)
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null)
        {
            return null;
        }
        var text = new Rope(snapshot.Content);
        var ops = await OpsAsync(documentId, snapshot.Version, version, cancellationToken);
        if (snapshot.Version + ops.Count != version)
        {
            return null;
        }
        foreach (var op in ops)
        {
            text.Apply(op.Op);
        }
        return text;
    }

    /// <summary>Committed operations after <paramref name="afterVersion"/>, up to <paramref name="upToVersion"/> when given, in order.</summary>
    public async Task<List<CommittedOp>> OpsAsync(Guid documentId, int afterVersion, int? upToVersion, CancellationToken cancellationToken)
    {
        var rows = await db.Operations.AsNoTracking()
            .Where(o => o.DocumentId == documentId && o.Version > afterVersion && (upToVersion == null || o.Version <= upToVersion))
            .OrderBy(o => o.Version)
            .Select(o => new { o.Version, o.ClientId, o.ClientSeq, o.Op })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(o => new CommittedOp(o.Version, o.ClientId, o.ClientSeq, TextOperationJsonConverter.Parse(o.Op)));
    }
}
