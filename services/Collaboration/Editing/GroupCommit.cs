using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Platform.Collaboration.Ot;
using Platform.Data;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Group commit. Every submission on this instance goes through one queue; one loop takes everything waiting (up to
/// <see cref="MaxBatch"/>) and commits it in one transaction per organization, so the database work per operation falls
/// as the load grows instead of the queue. Hub calls wait for their own outcome; what a batch committed goes to each
/// document's editors as one message, so the messages per operation fall as the load grows too.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, IHubContext<DocumentHub, IDocumentClient> hub, CollaborationMetrics metrics, ILogger<GroupCommit> logger) : BackgroundService
{
    public const string ActivitySourceName = "Platform.Collaboration";
    private const int MaxBatch = 1000;
    private static readonly ActivitySource Activities = new(ActivitySourceName);
    private readonly Channel<PendingEdit> _edits = Channel.CreateUnbounded<PendingEdit>(new UnboundedChannelOptions { SingleReader = true });

    public Task<CommitOutcome> SubmitAsync(Guid documentId, Guid organizationId, Submission submission, string clientId, string authorId)
    {
        var edit = new PendingEdit(documentId, organizationId, submission, clientId, authorId);
        if (!_edits.Writer.TryWrite(edit))
        {
            throw new CollaborationException("unavailable", "This instance is shutting down; reconnect and resubmit.");
        }
        return edit.Outcome;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var carried = new List<PendingEdit>();
        var broadcasting = Task.CompletedTask;
        try
        {
            while (carried.Count > 0 || await _edits.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = carried;
                carried = [];
                while (batch.Count < MaxBatch && _edits.Reader.TryRead(out var edit))
                {
                    batch.Add(edit);
                }
                metrics.Batched(batch.Count);
                foreach (var organization in batch.GroupBy(e => e.OrganizationId))
                {
                    carried.AddRange(await CommitAsync(organization.Key, [.. organization]));
                }
                // The next batch commits while this one's messages go out; they go out after the previous batch's.
                await broadcasting;
                broadcasting = BroadcastAsync(batch);
            }
        }
        finally
        {
            await broadcasting;
            _edits.Writer.TryComplete();
            var stopping = new CollaborationException("unavailable", "This instance is shutting down; reconnect and resubmit.");
            carried.ForEach(edit => edit.Fail(stopping));
            while (_edits.Reader.TryRead(out var edit))
            {
                edit.Fail(stopping);
            }
        }
    }

    /// <summary>
    /// Each document's newly committed operations, in version order, as one <see cref="IDocumentClient.Committed"/> message to everyone in the
    /// document: the submitters too (an editor's own operation in it is its acknowledgement, as the call's result is),
    /// because one message to the whole group costs less than leaving them out.
    /// </summary>
    private async Task BroadcastAsync(List<PendingEdit> batch)
    {
        var sends = batch
            .Where(edit => edit.Outcome.IsCompletedSuccessfully && !edit.Outcome.Result.Repeated)
            .GroupBy(edit => edit.DocumentId)
            .Select(document => hub.Clients.Group(DocumentHub.Group(document.Key))
                .Committed(document.Key, [.. document.Select(edit => edit.Outcome.Result.Op).OrderBy(op => op.Version)]))
            .ToList();
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception e)
        {
            // The operations are committed; an editor that missed them finds the gap and catches up from the log.
            logger.LogWarning(e, "Broadcasting {Count} documents' operations failed", sends.Count);
        }
    }

    /// <summary>Commits one organization's share of the batch; returns what has to wait for the next batch.</summary>
    private async Task<IReadOnlyList<PendingEdit>> CommitAsync(Guid organizationId, IReadOnlyList<PendingEdit> edits)
    {
        using var activity = Activities.StartActivity("collaboration commit");
        activity?.SetTag("collaboration.batch.size", edits.Count);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using (scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organizationId))
            {
                return await scope.ServiceProvider.GetRequiredService<OperationCommitter>().CommitAsync(edits);
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var open = edits.Where(edit => !edit.Outcome.IsCompleted).ToList();
            if (open.Count > 1)
            {
                // One submission's fault must not fail the others it happened to share a transaction with: each goes alone.
                logger.LogWarning(e, "Committing {Count} operations together failed; committing them one at a time", open.Count);
                var carried = new List<PendingEdit>();
                foreach (var edit in open)
                {
                    carried.AddRange(await CommitAsync(organizationId, [edit]));
                }
                return carried;
            }

            logger.LogError(e, "Committing {Count} operations failed", open.Count);
            open.ForEach(edit => edit.Fail(e));
            return [];
        }
    }
}
