using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// The server's half of the protocol: an operation made on some base version is transformed past every operation
/// committed since (op by op), appended as the next version and acknowledged. One writer per document at a time:
/// the instance's gate, then a transaction-scoped Postgres advisory lock across instances; the log's primary key is
/// the safety net. A resubmitted <c>(clientId, clientSeq)</c> is acknowledged again, never applied twice.
/// </summary>
public sealed class OperationCommitter(
    CollaborationDbContext db, LiveDocuments documents, IOptions<CollaborationOptions> options, TimeProvider clock, CollaborationMetrics metrics)
{
    private const string ClientSeqIndex = "ix_document_operations_document_id_client_id_client_seq";

    public sealed record Outcome(CommittedOp Op, bool Repeated);

    public async Task<Outcome> CommitAsync(
        Guid documentId, Guid organizationId, Submission submission, string clientId, string authorId, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var live = await documents.GetAsync(documentId, organizationId, db, cancellationToken) ?? throw CollaborationException.NotFound();
        await live.Gate.WaitAsync(cancellationToken);
        try
        {
            var log = new DocumentLog(db);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(documentId)})", cancellationToken);
            await documents.CatchUpAsync(live, log, cancellationToken);

            var op = await RebaseAsync(live, log, submission, limits, cancellationToken);
            var length = live.Text.Length - op.DeletedLength + op.InsertedLength;
            if (length > limits.MaxDocumentCodePoints)
            {
                throw new CollaborationException("document_too_large", $"The document would grow to {length} characters; the limit is {limits.MaxDocumentCodePoints}.");
            }

            var committed = new CommittedOp(live.Version + 1, clientId, submission.ClientSeq, op);
            var now = clock.GetUtcNow();
            db.Operations.Add(new DocumentOperation
            {
                DocumentId = documentId,
                Version = committed.Version,
                OrganizationId = organizationId,
                Op = op.ToJson(),
                BaseVersion = submission.BaseVersion,
                AuthorId = authorId,
                ClientId = clientId,
                ClientSeq = submission.ClientSeq,
                CommittedAt = now,
            });
            if (committed.Version % limits.SnapshotEvery == 0)
            {
                db.Snapshots.Add(new DocumentSnapshot { DocumentId = documentId, Version = committed.Version, OrganizationId = organizationId, Content = op.Apply(live.Text.ToString()), TakenAt = now });
            }
            var updated = await db.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Version, committed.Version).SetProperty(d => d.Length, length).SetProperty(d => d.UpdatedAt, now), cancellationToken);
            if (updated == 0)
            {
                documents.Forget(documentId);
                throw CollaborationException.NotFound();
            }
            await DocumentEvents.MarkChangedAsync(db, documentId, organizationId, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ClientSeqIndex })
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new Outcome(await RepeatedAsync(live, log, submission, clientId, cancellationToken), Repeated: true);
            }
            // Past this point the operation is committed whatever happens to the caller: it must be applied here and broadcast.
            await transaction.CommitAsync(CancellationToken.None);
            documents.Append(live, committed);
            metrics.Committed(op);
            return new Outcome(committed, Repeated: false);
        }
        catch (Exception e) when (e is not CollaborationException and not OperationCanceledException)
        {
            // The in-memory copy may be ahead of or behind what committed; the next use reloads it from the log.
            documents.Forget(documentId);
            throw;
        }
        finally
        {
            live.Gate.Release();
        }
    }

    /// <summary>Checks the submission against the document and transforms it past everything committed after its base version.</summary>
    private static async Task<TextOperation> RebaseAsync(LiveDocument live, DocumentLog log, Submission submission, CollaborationOptions limits, CancellationToken cancellationToken)
    {
        if (submission.BaseVersion > live.Version)
        {
            throw new CollaborationException("version_from_future", $"The operation is based on version {submission.BaseVersion}, but the document is at version {live.Version}.");
        }
        if (submission.BaseVersion < 0 || live.Version - submission.BaseVersion > limits.MaxVersionsBehind)
        {
            throw new CollaborationException("version_too_old",
                $"The operation is based on version {submission.BaseVersion}, more than {limits.MaxVersionsBehind} versions behind the document (version {live.Version}); join again for a fresh snapshot.");
        }
        if (submission.Op.InsertedLength > limits.MaxInsertCodePoints)
        {
            throw new CollaborationException("op_too_large", $"The operation inserts {submission.Op.InsertedLength} characters; one operation may insert at most {limits.MaxInsertCodePoints}.");
        }
        var op = submission.Op;
        var concurrent = live.Since(submission.BaseVersion) ?? await log.OpsAsync(live.Id, submission.BaseVersion, live.Version, cancellationToken);
        foreach (var committed in concurrent)
        {
            op = TextOperation.Transform(op, committed.Op, Side.Left);
        }
        try
        {
            op.EnsureFits(live.Text.Length);
        }
        catch (InvalidTextOperationException e)
        {
            throw new CollaborationException("op_out_of_range", e.Message);
        }
        return op;
    }

    /// <summary>
    /// The same <c>(clientId, clientSeq)</c> again. A resubmission after a reconnect is the same edit, possibly rebased
    /// on a later version: it is acknowledged with the version it got. Any other operation under that number is refused.
    /// </summary>
    private async Task<CommittedOp> RepeatedAsync(LiveDocument live, DocumentLog log, Submission submission, string clientId, CancellationToken cancellationToken)
    {
        var stored = await db.Operations.AsNoTracking()
            .Where(o => o.DocumentId == live.Id && o.ClientId == clientId && o.ClientSeq == submission.ClientSeq)
            .Select(o => new { o.Version, o.Op }).SingleAsync(cancellationToken);
        var storedOp = TextOperationJsonConverter.Parse(stored.Op);
        var rebased = submission.Op;
        if (submission.BaseVersion < stored.Version)
        {
            foreach (var committed in await log.OpsAsync(live.Id, submission.BaseVersion, stored.Version - 1, cancellationToken))
            {
                rebased = TextOperation.Transform(rebased, committed.Op, Side.Left);
            }
        }
        if (submission.BaseVersion >= stored.Version || !rebased.Equals(storedOp))
        {
            throw new CollaborationException("duplicate_seq",
                $"Client sequence number {submission.ClientSeq} was already used for a different operation (committed as version {stored.Version}).");
        }
        return new CommittedOp(stored.Version, clientId, submission.ClientSeq, storedOp);
    }

    private static long LockKey(Guid documentId) => BitConverter.ToInt64(documentId.ToByteArray(), 8);
}
