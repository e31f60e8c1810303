using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// The server's half of the protocol, for one organization's batch of submissions: each operation made on some base
/// version is transformed past every operation committed since (op by op, including those earlier in the batch),
/// appended as the next version and acknowledged. One writer per document: <see cref="DocumentLog.LockAsync"/> locks
/// the documents' rows before anything is read; the log's primary key is the safety net. A resubmitted
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
        var log = new DocumentLog(db);

        var stored = await LockAndCatchUpAsync(log, batch, locked);
        var perDocument = new Dictionary<Guid, DocumentBatch>();
        foreach (var live in locked)
        {
            if (stored.Versions.ContainsKey(live.Id))
            {
                perDocument[live.Id] = new DocumentBatch(live);
            }
            else
            {
                documents.Forget(live.Id);
            }
        }

        foreach (var edit in batch)
        {
            try
            {
                if (!perDocument.TryGetValue(edit.DocumentId, out var document))
                {
                    throw CollaborationException.NotFound();
                }
                CheckBaseVersion(document.Live, edit.Submission);
                if (stored.Stored.TryGetValue((edit.DocumentId, edit.ClientId, edit.Submission.ClientSeq), out var earlier))
                {
                    edit.Complete(new CommitOutcome(await RepeatedAsync(document.Live, log, edit, earlier), Repeated: true));
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
            await WriteAsync(log, organizationId, accepted);
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

    /// <summary>Locks the documents and applies what other instances committed since this one last looked.</summary>
    private async Task<DocumentLog.LockedDocuments> LockAndCatchUpAsync(DocumentLog log, List<PendingEdit> batch, List<LiveDocument> locked)
    {
        var stored = await log.LockAsync(
            [.. locked.Select(l => (l.Id, l.Version))], [.. batch.Select(e => (e.DocumentId, e.ClientId, e.Submission.ClientSeq))]);
        var lives = locked.ToDictionary(l => l.Id);
        foreach (var (documentId, op) in stored.Missed)
        {
            if (op.Version != lives[documentId].Version + 1)
            {
                throw new InvalidOperationException($"The log of document {documentId} has a gap before version {op.Version}.");
            }
            documents.Append(lives[documentId], op);
        }
        foreach (var (id, version) in stored.Versions)
        {
            if (lives[id].Version != version)
            {
                throw new InvalidOperationException($"Document {id} is at version {version} but its log ends at {lives[id].Version}.");
            }
        }
        return stored;
    }

    /// <summary>Writes the accepted operations, with a snapshot where a document's batch reaches a multiple of SnapshotEvery.</summary>
    private async Task WriteAsync(DocumentLog log, Guid organizationId, List<DocumentBatch> accepted)
    {
        var every = options.Value.SnapshotEvery;
        var snapshots = accepted
            .Where(d => (d.NextVersion - 1) / every > d.Live.Version / every)
            .Select(d => new DocumentLog.Snapshot(d.Live.Id, d.NextVersion - 1, d.Accepted.Aggregate(d.Live.Text.ToString(), (text, a) => a.Op.Op.Apply(text))))
            .ToList();
        await log.AppendAsync(organizationId, clock.GetUtcNow(),
            [.. accepted.SelectMany(d => d.Accepted.Select(a => new DocumentLog.NewOperation(d.Live.Id, a.Op, a.Edit.Submission.BaseVersion, a.Edit.AuthorId)))],
            [.. accepted.Select(d => new DocumentLog.DocumentHead(d.Live.Id, d.NextVersion - 1, d.Length))],
            snapshots);
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
}
