using System.Text.Json;
using Platform.Contracts;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// GitLab's webhook events (named by <c>X-Gitlab-Event</c>) as platform events: merge requests, pushes and pipelines,
/// in the same terms as GitHub's.
/// </summary>
public static class GitLabTranslator
{
    public const string EventHeader = "X-Gitlab-Event";

    /// <summary>GitLab 17.4 and later send one per event, the same on every retry of it.</summary>
    public const string DeliveryHeader = "Idempotency-Key";

    /// <summary>Older GitLab's per-delivery id.</summary>
    public const string EventIdHeader = "X-Gitlab-Event-UUID";

    public static Translation Translate(Sender sender, string gitLabEvent, JsonElement payload)
    {
        var repository = payload.Text("project", "path_with_namespace");
        return gitLabEvent switch
        {
            "Merge Request Hook" => MergeRequest(sender, repository, payload),
            "Push Hook" => Push(sender, repository, payload),
            "Pipeline Hook" => Pipeline(sender, repository, payload),
            _ => Translation.Nothing($"{gitLabEvent}: not used by the platform"),
        };
    }

    private static Translation MergeRequest(Sender sender, string repository, JsonElement payload)
    {
        var request = payload.GetProperty("object_attributes");
        var (title, body, branch) = (request.Text("title"), request.Text("description"), request.Text("source_branch"));
        var (action, review) = request.Text("action") switch
        {
            "open" => ("opened", null),
            "reopen" => ("reopened", null),
            "close" => ("closed", null),
            "merge" => ("merged", null),
            "approved" or "approval" => ("reviewed", "approved"),
            "unapproved" or "unapproval" => ("reviewed", "unapproved"),
            _ => ("edited", (string?)null),
        };
        var state = request.Text("state") switch
        {
            "merged" => "merged",
            "closed" or "locked" => "closed",
            _ => request.Flag("draft") || request.Flag("work_in_progress") ? "draft" : "open",
        };
        var number = request.GetProperty("iid").GetInt32();
        var keys = TaskMentions.Union(TaskMentions.InBranch(branch), TaskMentions.In(title, body));
        var changed = new PullRequestChanged(sender.IntegrationId, sender.Provider, repository, number, title, request.Text("url"), payload.Text("user", "username"),
            branch, action, state, review, keys, TaskMentions.ClosedBy(title, body))
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([changed], $"merge request {repository}!{number} {action}: {GitHubTranslator.Tasks(keys)}");
    }

    private static Translation Push(Sender sender, string repository, JsonElement payload)
    {
        var reference = payload.Text("ref");
        if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal) || payload.Text("after").Trim('0').Length == 0)
        {
            return Translation.Nothing($"push to {reference}: no branch commits");
        }

        var branch = reference["refs/heads/".Length..];
        var branchKeys = TaskMentions.InBranch(branch);
        var commits = payload.GetProperty("commits").EnumerateArray().Select(commit =>
        {
            var message = commit.Text("message");
            return new PushedCommit(commit.Text("id"), GitHubTranslator.FirstLine(message), commit.Text("url"), commit.Text("author", "name"),
                TaskMentions.Union(branchKeys, TaskMentions.In(message)), TaskMentions.ClosedBy(message));
        }).ToArray();
        var pushed = new CommitsPushed(sender.IntegrationId, sender.Provider, repository, branch, branch == payload.Text("project", "default_branch"), commits)
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([pushed], $"{commits.Length} commit(s) pushed to {repository} {branch}: {GitHubTranslator.Tasks([.. commits.SelectMany(c => c.TaskKeys).Distinct()])}");
    }

    private static Translation Pipeline(Sender sender, string repository, JsonElement payload)
    {
        var pipeline = payload.GetProperty("object_attributes");
        var (status, conclusion) = pipeline.Text("status") switch
        {
            "running" => ("in_progress", null),
            "success" => ("completed", "success"),
            "failed" => ("completed", "failure"),
            "canceled" => ("completed", "cancelled"),
            "skipped" => ("completed", "skipped"),
            _ => ("queued", (string?)null),
        };
        var branch = pipeline.Text("ref");
        var url = pipeline.Text("url") is { Length: > 0 } given ? given : $"{payload.Text("project", "web_url")}/-/pipelines/{pipeline.Text("id")}";
        var mergeRequest = payload.TryGetProperty("merge_request", out var request) && request.ValueKind == JsonValueKind.Object ? [request.GetProperty("iid").GetInt32()] : Array.Empty<int>();
        var name = pipeline.Text("name") is { Length: > 0 } named ? named : "pipeline";
        var check = new CheckChanged(sender.IntegrationId, sender.Provider, repository, name, status, conclusion, pipeline.Text("sha"), branch, url,
            mergeRequest, TaskMentions.InBranch(branch))
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([check], $"{name} {status}{(conclusion is { } c ? $" ({c})" : "")} on {repository} {branch}");
    }
}
