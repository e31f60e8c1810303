using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Documents in Postgres, read and written only here: the text at any version (nearest snapshot plus the operations
/// after it), the log, the row locks that make one writer per document, and the marks that a document changed, from
/// which <see cref="DocumentChangedPublisher"/> sends one event per quiet document.
/// </summary>
public sealed class DocumentLog(CollaborationDbContext db)
{
    /// <summary>What <see cref="LockAsync"/> found: each locked document's stored version, the operations committed after
    /// the version this instance holds (in order), and the submissions already in the log.</summary>
    public sealed record LockedDocuments(
        Dictionary<Guid, int> Versions, List<(Guid DocumentId, CommittedOp Op)> Missed, Dictionary<(Guid, string, long), CommittedOp> Stored);

    /// <summary>A new version of a document: the operation, what it was based on and who made it.</summary>
    public sealed record NewOperation(Guid DocumentId, CommittedOp Op, int BaseVersion, string AuthorId);

    /// <summary>A document's version and length after a commit.</summary>
    public sealed record DocumentHead(Guid DocumentId, int Version, int Length);

    /// <summary>The full text at a version, so a join never replays more than a bounded number of operations.</summary>
    public sealed record Snapshot(Guid DocumentId, int Version, string Content);

    /// <summary>A mark already there keeps its first change and moves its last.</summary>
    private const string MarkChangedSql = """
        INSERT INTO pending_document_events (document_id, organization_id, first_change_at, last_change_at)
        SELECT id, $1, $2, $2 FROM unnest($3::uuid[]) AS id
        ON CONFLICT (document_id) DO UPDATE SET last_change_at = excluded.last_change_at
        """;

    /// <summary>Marks the document changed, in the caller's transaction.</summary>
    public async Task MarkChangedAsync(Guid documentId, Guid organizationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = Batch();
            batch.BatchCommands.Add(Command(MarkChangedSql, organizationId, at, new[] { documentId }));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One round trip in the caller's open transaction: locks the documents' rows (in id order, so instances never deadlock;
    /// it also keeps them from being deleted until the commit), reads what was committed after the versions this
    /// instance holds, and finds which of the submissions <c>(document, client, seq)</c> are already in the log.
    /// </summary>
    public async Task<LockedDocuments> LockAsync(
        IReadOnlyList<(Guid DocumentId, int HeldVersion)> documents, IReadOnlyList<(Guid DocumentId, string ClientId, long ClientSeq)> submissions)
    {
        var ids = documents.Select(d => d.DocumentId).ToArray();
        await using var read = Batch();
        read.BatchCommands.Add(Command("SELECT id, version FROM documents WHERE id = ANY($1) ORDER BY id FOR UPDATE", ids));
        read.BatchCommands.Add(Command("""
            SELECT t.id, o.version, o.client_id, o.client_seq, o.op::text
            FROM unnest($1::uuid[], $2::int[]) AS t(id, after) CROSS JOIN LATERAL (
              SELECT version, client_id, client_seq, op FROM document_operations WHERE document_id = t.id AND version > t.after ORDER BY version) AS o
            """, ids, documents.Select(d => d.HeldVersion).ToArray()));
        read.BatchCommands.Add(Command("""
            SELECT t.id, o.version, o.client_id, o.client_seq, o.op::text
            FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS t(id, client, seq) CROSS JOIN LATERAL (
              SELECT version, client_id, client_seq, op FROM document_operations WHERE document_id = t.id AND client_id = t.client AND client_seq = t.seq) AS o
            """, submissions.Select(s => s.DocumentId).ToArray(), submissions.Select(s => s.ClientId).ToArray(), submissions.Select(s => s.ClientSeq).ToArray()));

        await using var reader = await read.ExecuteReaderAsync(CancellationToken.None);
        var locked = new LockedDocuments([], [], []);
        while (await reader.ReadAsync())
        {
            locked.Versions[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            locked.Missed.Add(ReadOp(reader));
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            var (documentId, op) = ReadOp(reader);
            locked.Stored[(documentId, op.ClientId, op.ClientSeq)] = op;
        }
        return locked;
    }

    /// <summary>One round trip in the caller's open transaction: the operations, the documents' new heads, the snapshots and the change marks.</summary>
    public async Task AppendAsync(
        Guid organizationId, DateTimeOffset at, IReadOnlyList<NewOperation> operations, IReadOnlyList<DocumentHead> heads, IReadOnlyList<Snapshot> snapshots)
    {
        await using var write = Batch();
        write.BatchCommands.Add(Command("""
            INSERT INTO document_operations (document_id, version, organization_id, op, base_version, author_id, client_id, client_seq, committed_at)
            SELECT t.id, t.version, $1, t.op::jsonb, t.base, t.author, t.client, t.seq, $2
            FROM unnest($3::uuid[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[]) AS t(id, version, op, base, author, client, seq)
            """,
            organizationId, at, operations.Select(o => o.DocumentId).ToArray(), operations.Select(o => o.Op.Version).ToArray(),
            operations.Select(o => o.Op.Op.ToJson()).ToArray(), operations.Select(o => o.BaseVersion).ToArray(), operations.Select(o => o.AuthorId).ToArray(),
            operations.Select(o => o.Op.ClientId).ToArray(), operations.Select(o => o.Op.ClientSeq).ToArray()));
        write.BatchCommands.Add(Command("""
            UPDATE documents AS d SET version = t.version, length = t.length, updated_at = $1
            FROM unnest($2::uuid[], $3::int[], $4::int[]) AS t(id, version, length) WHERE d.id = t.id
            """, at, heads.Select(h => h.DocumentId).ToArray(), heads.Select(h => h.Version).ToArray(), heads.Select(h => h.Length).ToArray()));
        write.BatchCommands.Add(Command(MarkChangedSql, organizationId, at, heads.Select(h => h.DocumentId).ToArray()));
        if (snapshots.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                INSERT INTO document_snapshots (document_id, version, organization_id, content, taken_at)
                SELECT t.id, t.version, $1, t.content, $2 FROM unnest($3::uuid[], $4::int[], $5::text[]) AS t(id, version, content)
                """, organizationId, at, snapshots.Select(s => s.DocumentId).ToArray(), snapshots.Select(s => s.Version).ToArray(),
                snapshots.Select(s => s.Content).ToArray()));
        }
        await write.ExecuteNonQueryAsync(CancellationToken.None);
    }

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

    /// <summary>A batch on the context's open connection, in its transaction when one is open.</summary>
    private NpgsqlBatch Batch() =>
        new((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());

    private static (Guid DocumentId, CommittedOp Op) ReadOp(NpgsqlDataReader reader) =>
        (reader.GetGuid(0), new CommittedOp(reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), TextOperationJsonConverter.Parse(reader.GetString(4))));

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
