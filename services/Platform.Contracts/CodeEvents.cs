namespace Platform.Contracts;

/// <summary>
/// What happened in a code host (GitHub, GitLab) that concerns tasks, as the webhooks service read it from a verified
/// delivery. Task keys (<c>PLAT-12</c>) are those named in the branch, title, body or message; closing keys are those
/// after "fixes", "closes" or "resolves", which finish the task when the change lands. Events of one repository keep
/// their order.
/// </summary>
public abstract record CodeEvent(Guid IntegrationId, string Provider, string Repository) : IntegrationEvent
{
    public override string Subject => $"{Provider}:{Repository}";
}

/// <summary>
/// A pull request (GitLab: merge request) was opened, edited, reviewed, closed or merged. <see cref="Action"/> is one of
/// opened, reopened, ready, edited, reviewed, closed, merged; <see cref="State"/> is what it is now: draft, open,
/// closed or merged; <see cref="Review"/> is the review's verdict when reviewed (approved, changes_requested, commented).
/// </summary>
[IntegrationEvent("code", "platform.code.pull-request-changed", 1)]
public sealed record PullRequestChanged(
    Guid IntegrationId, string Provider, string Repository, int Number, string Title, string Url, string Author, string Branch,
    string Action, string State, string? Review, string[] TaskKeys, string[] ClosingKeys) : CodeEvent(IntegrationId, Provider, Repository);

/// <summary>Commits reached a branch; each names the task keys of its own message (and the branch's).</summary>
[IntegrationEvent("code", "platform.code.commits-pushed", 1)]
public sealed record CommitsPushed(Guid IntegrationId, string Provider, string Repository, string Branch, bool DefaultBranch, PushedCommit[] Commits)
    : CodeEvent(IntegrationId, Provider, Repository);

/// <summary>One commit of a push: its first line, and the keys it names.</summary>
public sealed record PushedCommit(string Sha, string Message, string Url, string Author, string[] TaskKeys, string[] ClosingKeys);

/// <summary>
/// A CI check (GitHub check run, GitLab pipeline) changed: <see cref="Status"/> is queued, in_progress or completed;
/// <see cref="Conclusion"/>, once completed, success, failure, cancelled, skipped, timed_out or neutral. It concerns the
/// pull requests it names and the tasks named by its branch.
/// </summary>
[IntegrationEvent("code", "platform.code.check-changed", 1)]
public sealed record CheckChanged(
    Guid IntegrationId, string Provider, string Repository, string Name, string Status, string? Conclusion, string Sha, string Branch, string Url,
    int[] PullRequests, string[] TaskKeys) : CodeEvent(IntegrationId, Provider, Repository);
