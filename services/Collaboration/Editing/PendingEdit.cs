using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>What a commit did with a submission: the version it has, and whether it was already committed before (a resubmission).</summary>
public sealed record CommitOutcome(CommittedOp Op, bool Repeated);

/// <summary>A submitted operation waiting in the commit queue, and the hub call waiting for its outcome.</summary>
public sealed class PendingEdit(Guid documentId, Guid organizationId, Submission submission, string clientId, string authorId)
{
    private readonly TaskCompletionSource<CommitOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid DocumentId { get; } = documentId;

    public Guid OrganizationId { get; } = organizationId;

    public Submission Submission { get; } = submission;

    public string ClientId { get; } = clientId;

    public string AuthorId { get; } = authorId;

    public Task<CommitOutcome> Outcome => _outcome.Task;

    public void Complete(CommitOutcome outcome) => _outcome.TrySetResult(outcome);

    public void Fail(Exception error) => _outcome.TrySetException(error);
}
