using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// The server's half of the protocol, for one organization's batch of submissions: each operation made on some base
/// version is transformed past every operation committed since (op by op, including those earlier in the batch),
/// appended as the next version and acknowledged. One writer per document: the documents' rows are locked (in id
/// order, so instances never deadlock) before anything is read; the log's primary key is the safety net. A resubmitted
/// <c>(clientId, clientSeq)</c> is acknowledged again, never applied twice. Two round trips and a commit per batch.
/// </summary>
public sealed class OperationCommitter(
    CollaborationDbContext db, LiveDocuments documents, IOptions<CollaborationOptions> options, TimeProvider clock, CollaborationMetrics metrics)
{
    /// <summary>A document's part of the batch: the operations accepted so far and the length they leave.</summary>
    private sealed class DocumentBatch(LiveDocument live)
    {
        public LiveDocument Live { get; } = live;

        public List<(PendingEdit Edit, CommittedOp Op)> Accepted { get; } = [];

        public int Length { get; set; } = live.Text.Length;

        public int NextVersion => Live.Version + Accepted.Count + 1;
    }

    /// <summary>Commits <paramref name="edits"/> (all of the current organization); returns those that must wait for the next batch.</summary>
    public async Task<IReadOnlyList<PendingEdit>> CommitAsync(IReadOnlyList<PendingEdit> edits)
    {
        // The same (document, client, seq) twice in one batch is a resubmission racing its original: it waits a round.
        var seen = new HashSet<(Guid, string, long)>();
        var deferred = edits.Where(e => !seen.Add((e.DocumentId, e.ClientId, e.Submission.ClientSeq))).ToList();
        var batch = edits.Except(deferred).ToList();

        var lives = new Dictionary<Guid, LiveDocument>();
        foreach (var id in batch.Select(e => e.DocumentId).Distinct().Order())
        {
            if (await documents.GetAsync(id, batch[0].OrganizationId, db, CancellationToken.None) is { } live)
            {
                lives[id] = live;
            }
        }
        foreach (var edit in batch.Where(e => !lives.ContainsKey(e.DocumentId)))
        {
            edit.Fail(CollaborationException.NotFound());
        }
        batch.RemoveAll(e => !lives.ContainsKey(e.DocumentId));

        var locked = lives.Values.OrderBy(l => l.Id).ToList();
        foreach (var live in locked)
        {
            await live.Gate.WaitAsync();
        }
        try
        {
            await CommitLockedAsync(batch, locked);
        }
        catch
        {
            // The in-memory copies may be ahead of or behind what committed; the next use reloads them from the log.
            locked.ForEach(live => documents.Forget(live.Id));
            throw;
        }
        finally
        {
            locked.ForEach(live => live.Gate.Release());
        }
        return deferred;
    }

    private async Task CommitLockedAsync(List<PendingEdit> batch, List<LiveDocument> locked)
    {
        var organizationId = batch[0].OrganizationId;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        var (existing, repeats) = await LockAndCatchUpAsync(connection, npgsqlTransaction, batch, locked);
        var perDocument = new Dictionary<Guid, DocumentBatch>();
        foreach (var live in locked)
        {
            if (existing.Contains(live.Id))
            {
                perDocument[live.Id] = new DocumentBatch(live);
            }
            else
            {
                documents.Forget(live.Id);
            }
        }

        var log = new DocumentLog(db);
        foreach (var edit in batch)
        {
            try
            {
                if (!perDocument.TryGetValue(edit.DocumentId, out var document))
                {
                    throw CollaborationException.NotFound();
                }
                CheckBaseVersion(document.Live, edit.Submission);
                if (repeats.TryGetValue((edit.DocumentId, edit.ClientId, edit.Submission.ClientSeq), out var stored))
                {
                    edit.Complete(new CommitOutcome(await RepeatedAsync(document.Live, log, edit, stored), Repeated: true));
                    continue;
                }
                var op = await RebaseAsync(document, log, edit.Submission);
                document.Length += op.InsertedLength - op.DeletedLength;
                document.Accepted.Add((edit, new CommittedOp(document.NextVersion, edit.ClientId, edit.Submission.ClientSeq, op)));
            }
            catch (Exception e) when (e is CollaborationException or InvalidTextOperationException)
            {
                edit.Fail(e);
            }
        }

        var accepted = perDocument.Values.Where(d => d.Accepted.Count > 0).ToList();
        if (accepted.Count > 0)
        {
            await WriteAsync(connection, npgsqlTransaction, organizationId, accepted);
        }
        // Past this point the operations are committed whatever happens: they must be applied here and acknowledged.
        await transaction.CommitAsync(CancellationToken.None);
        foreach (var document in accepted)
        {
            foreach (var (edit, op) in document.Accepted)
            {
                documents.Append(document.Live, op);
                metrics.Committed(op.Op);
                edit.Complete(new CommitOutcome(op, Repeated: false));
            }
        }
    }

    /// <summary>
    /// One round trip: locks the documents' rows (which also keeps them from being deleted until the commit), applies
    /// what other instances committed since this one last looked, and finds the submissions that were committed before.
    /// </summary>
    private async Task<(HashSet<Guid> Existing, Dictionary<(Guid, string, long), CommittedOp> Repeats)> LockAndCatchUpAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingEdit> batch, List<LiveDocument> locked)
    {
        var ids = locked.Select(l => l.Id).ToArray();
        await using var read = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("SELECT id, version FROM documents WHERE id = ANY($1) ORDER BY id FOR UPDATE", ids),
                Command("""
                    SELECT t.id, o.version, o.client_id, o.client_seq, o.op::text
                    FROM unnest($1::uuid[], $2::int[]) AS t(id, after) CROSS JOIN LATERAL (
                      SELECT version, client_id, client_seq, op FROM document_operations WHERE document_id = t.id AND version > t.after ORDER BY version) AS o
                    """, ids, locked.Select(l => l.Version).ToArray()),
                Command("""
                    SELECT t.id, o.version, o.client_id, o.client_seq, o.op::text
                    FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS t(id, client, seq) CROSS JOIN LATERAL (
                      SELECT version, client_id, client_seq, op FROM document_operations WHERE document_id = t.id AND client_id = t.client AND client_seq = t.seq) AS o
                    """, batch.Select(e => e.DocumentId).ToArray(), batch.Select(e => e.ClientId).ToArray(), batch.Select(e => e.Submission.ClientSeq).ToArray()),
            },
        };
        await using var reader = await read.ExecuteReaderAsync(CancellationToken.None);
        var versions = new Dictionary<Guid, int>();
        while (await reader.ReadAsync())
        {
            versions[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        await reader.NextResultAsync();
        var lives = locked.ToDictionary(l => l.Id);
        while (await reader.ReadAsync())
        {
            var (documentId, op) = ReadOp(reader);
            if (op.Version != lives[documentId].Version + 1)
            {
                throw new InvalidOperationException($"The log of document {documentId} has a gap before version {op.Version}.");
            }
            documents.Append(lives[documentId], op);
        }
        await reader.NextResultAsync();
        var repeats = new Dictionary<(Guid, string, long), CommittedOp>();
        while (await reader.ReadAsync())
        {
            var (documentId, op) = ReadOp(reader);
            repeats[(documentId, op.ClientId, op.ClientSeq)] = op;
        }
        foreach (var (id, version) in versions)
        {
            if (lives[id].Version != version)
            {
                throw new InvalidOperationException($"Document {id} is at version {version} but its log ends at {lives[id].Version}.");
            }
        }
        return ([.. versions.Keys], repeats);
    }

    /// <summary>One round trip: the operations, the snapshots they are due, the documents' versions and the change marks for events.</summary>
    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid organizationId, List<DocumentBatch> accepted)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        var ops = accepted.SelectMany(d => d.Accepted.Select(a => (d.Live.Id, a.Edit, a.Op))).ToList();
        await using var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("""
                    INSERT INTO document_operations (document_id, version, organization_id, op, base_version, author_id, client_id, client_seq, committed_at)
                    SELECT t.id, t.version, $1, t.op::jsonb, t.base, t.author, t.client, t.seq, $2
                    FROM unnest($3::uuid[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[]) AS t(id, version, op, base, author, client, seq)
                    """,
                    organizationId, now, ops.Select(o => o.Id).ToArray(), ops.Select(o => o.Op.Version).ToArray(), ops.Select(o => o.Op.Op.ToJson()).ToArray(),
                    ops.Select(o => o.Edit.Submission.BaseVersion).ToArray(), ops.Select(o => o.Edit.AuthorId).ToArray(), ops.Select(o => o.Edit.ClientId).ToArray(),
                    ops.Select(o => o.Edit.Submission.ClientSeq).ToArray()),
                Command("""
                    UPDATE documents AS d SET version = t.version, length = t.length, updated_at = $1
                    FROM unnest($2::uuid[], $3::int[], $4::int[]) AS t(id, version, length) WHERE d.id = t.id
                    """, now, accepted.Select(d => d.Live.Id).ToArray(), accepted.Select(d => d.NextVersion - 1).ToArray(), accepted.Select(d => d.Length).ToArray()),
                Command(DocumentLog.MarkChangedSql("$1", "$2", "$3"), organizationId, now, accepted.Select(d => d.Live.Id).ToArray()),
            },
        };
        // A snapshot when the batch reaches a multiple of SnapshotEvery, so a join never replays more than that many operations.
        var snapshots = accepted.Where(d => (d.NextVersion - 1) / limits.SnapshotEvery > d.Live.Version / limits.SnapshotEvery).ToList();
        if (snapshots.Count > 0)
        {
            write.BatchCommands.Add(Command("""
                INSERT INTO document_snapshots (document_id, version, organization_id, content, taken_at)
                SELECT t.id, t.version, $1, t.content, $2 FROM unnest($3::uuid[], $4::int[], $5::text[]) AS t(id, version, content)
                """, organizationId, now, snapshots.Select(d => d.Live.Id).ToArray(), snapshots.Select(d => d.NextVersion - 1).ToArray(),
                snapshots.Select(d => d.Accepted.Aggregate(d.Live.Text.ToString(), (text, a) => a.Op.Op.Apply(text))).ToArray()));
        }
        await write.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Checks the operation against the document and transforms it past everything committed after its base version.</summary>
    private async Task<TextOperation> RebaseAsync(DocumentBatch document, DocumentLog log, Submission submission)
    {
        var limits = options.Value;
        var live = document.Live;
        if (submission.Op.InsertedLength > limits.MaxInsertCodePoints)
        {
            throw new CollaborationException("op_too_large", $"The operation inserts {submission.Op.InsertedLength} characters; one operation may insert at most {limits.MaxInsertCodePoints}.");
        }
        var op = submission.Op;
        var committed = live.Since(submission.BaseVersion) ?? await log.OpsAsync(live.Id, submission.BaseVersion, live.Version, CancellationToken.None);
        foreach (var concurrent in committed.Concat(document.Accepted.Select(a => a.Op)))
        {
            op = TextOperation.Transform(op, concurrent.Op, Side.Left);
        }
        try
        {
            op.EnsureFits(document.Length);
        }
        catch (InvalidTextOperationException e)
        {
            throw new CollaborationException("op_out_of_range", e.Message);
        }
        var length = document.Length - op.DeletedLength + op.InsertedLength;
        if (length > limits.MaxDocumentCodePoints)
        {
            throw new CollaborationException("document_too_large", $"The document would grow to {length} characters; the limit is {limits.MaxDocumentCodePoints}.");
        }
        return op;
    }

    /// <summary>Refuses a base version the document never had or the log no longer holds.</summary>
    private void CheckBaseVersion(LiveDocument live, Submission submission)
    {
        var limits = options.Value;
        if (submission.BaseVersion > live.Version)
        {
            throw new CollaborationException("version_from_future", $"The operation is based on version {submission.BaseVersion}, but the document is at version {live.Version}.");
        }
        if (submission.BaseVersion < 0 || live.Version - submission.BaseVersion > limits.MaxVersionsBehind)
        {
            throw new CollaborationException("version_too_old",
                $"The operation is based on version {submission.BaseVersion}, more than {limits.MaxVersionsBehind} versions behind the document (version {live.Version}); join again for a fresh snapshot.");
        }
    }

    /// <summary>
    /// The same <c>(clientId, clientSeq)</c> again. A resubmission after a reconnect is the same edit, possibly rebased
    /// on a later version: it is acknowledged with the version it got. Any other operation under that number is refused.
    /// </summary>
    private static async Task<CommittedOp> RepeatedAsync(LiveDocument live, DocumentLog log, PendingEdit edit, CommittedOp stored)
    {
        var submission = edit.Submission;
        if (submission.BaseVersion < stored.Version)
        {
            var rebased = submission.Op;
            foreach (var committed in await log.OpsAsync(live.Id, submission.BaseVersion, stored.Version - 1, CancellationToken.None))
            {
                rebased = TextOperation.Transform(rebased, committed.Op, Side.Left);
            }
            if (rebased.Equals(stored.Op))
            {
                return stored;
            }
        }
        throw new CollaborationException("duplicate_seq",
            $"Client sequence number {submission.ClientSeq} was already used for a different operation (committed as version {stored.Version}).");
    }

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
