using System.Diagnostics;
using System.Threading.Channels;
using Platform.Collaboration.Ot;
using Platform.Data;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Group commit. Every submission on this instance goes through one queue; one loop takes everything waiting (up to
/// <see cref="MaxBatch"/>) and commits it in one transaction per organization, so the database work per operation falls
/// as the load grows instead of the queue. Hub calls wait for their own outcome.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, CollaborationMetrics metrics, ILogger<GroupCommit> logger) : BackgroundService
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
            }
        }
        finally
        {
            _edits.Writer.TryComplete();
            var stopping = new CollaborationException("unavailable", "This instance is shutting down; reconnect and resubmit.");
            carried.ForEach(edit => edit.Fail(stopping));
            while (_edits.Reader.TryRead(out var edit))
            {
                edit.Fail(stopping);
            }
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
            logger.LogError(e, "Committing {Count} operations failed", edits.Count);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var edit in edits)
            {
                edit.Fail(e);
            }
            return [];
        }
    }
}
