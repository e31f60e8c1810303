using System.Text.Json;
using Platform.Contracts;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// GitHub's webhook events (named by <c>X-GitHub-Event</c>) as platform events: pull_request, pull_request_review, push
/// and check_run; ping says the hook is connected; anything else is kept but announces nothing.
/// </summary>
public static class GitHubTranslator
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    public static Translation Translate(Sender sender, string gitHubEvent, JsonElement payload)
    {
        var repository = payload.Text("repository", "full_name");
        return gitHubEvent switch
        {
            "ping" => Translation.Nothing("ping: the webhook is connected"),
            "pull_request" => PullRequest(sender, repository, payload, Action(payload), review: null),
            "pull_request_review" when payload.Text("action") == "submitted" =>
                PullRequest(sender, repository, payload, "reviewed", payload.Text("review", "state").ToLowerInvariant()),
            "push" => Push(sender, repository, payload),
            "check_run" => Check(sender, repository, payload),
            _ => Translation.Nothing($"{gitHubEvent}: not used by the platform"),
        };
    }

    /// <summary>GitHub's pull request actions as the platform names them; a closed one that was merged is "merged".</summary>
    private static string Action(JsonElement payload) => payload.Text("action") switch
    {
        "closed" when payload.GetProperty("pull_request").Flag("merged") => "merged",
        "ready_for_review" => "ready",
        "converted_to_draft" => "drafted",
        var other => other,
    };

    private static Translation PullRequest(Sender sender, string repository, JsonElement payload, string action, string? review)
    {
        var pr = payload.GetProperty("pull_request");
        var (title, body, branch) = (pr.Text("title"), pr.Text("body"), pr.Text("head", "ref"));
        var state = pr.Flag("merged") ? "merged" : pr.Text("state") == "closed" ? "closed" : pr.Flag("draft") ? "draft" : "open";
        var number = pr.GetProperty("number").GetInt32();
        var keys = TaskMentions.Union(TaskMentions.InBranch(branch), TaskMentions.In(title, body));
        var changed = new PullRequestChanged(sender.IntegrationId, sender.Provider, repository, number, title, pr.Text("html_url"), pr.Text("user", "login"),
            branch, action, state, review, keys, TaskMentions.ClosedBy(title, body))
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([changed], $"pull request {repository}#{number} {action}{(review is null ? "" : $" ({review})")}: {Tasks(keys)}");
    }

    private static Translation Push(Sender sender, string repository, JsonElement payload)
    {
        var reference = payload.Text("ref");
        if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal) || payload.Flag("deleted"))
        {
            return Translation.Nothing($"push to {reference}: no branch commits");
        }

        var branch = reference["refs/heads/".Length..];
        var branchKeys = TaskMentions.InBranch(branch);
        var commits = payload.GetProperty("commits").EnumerateArray().Select(commit =>
        {
            var message = commit.Text("message");
            return new PushedCommit(commit.Text("id"), FirstLine(message), commit.Text("url"), commit.Text("author", "name"),
                TaskMentions.Union(branchKeys, TaskMentions.In(message)), TaskMentions.ClosedBy(message));
        }).ToArray();
        var pushed = new CommitsPushed(sender.IntegrationId, sender.Provider, repository, branch, branch == payload.Text("repository", "default_branch"), commits)
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([pushed], $"{commits.Length} commit(s) pushed to {repository} {branch}: {Tasks([.. commits.SelectMany(c => c.TaskKeys).Distinct()])}");
    }

    private static Translation Check(Sender sender, string repository, JsonElement payload)
    {
        var run = payload.GetProperty("check_run");
        var branch = run.TryGetProperty("check_suite", out var suite) ? suite.Text("head_branch") : "";
        var pullRequests = run.TryGetProperty("pull_requests", out var prs) ? prs.EnumerateArray().Select(pr => pr.GetProperty("number").GetInt32()).ToArray() : [];
        var conclusion = run.Text("conclusion");
        var check = new CheckChanged(sender.IntegrationId, sender.Provider, repository, run.Text("name"), run.Text("status"), conclusion.Length == 0 ? null : conclusion,
            run.Text("head_sha"), branch, run.Text("html_url"), pullRequests, TaskMentions.InBranch(branch))
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([check], $"check {check.Name} {check.Status}{(check.Conclusion is { } c ? $" ({c})" : "")} on {repository} {branch}");
    }

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');

    internal static string Tasks(IReadOnlyCollection<string> keys) => keys.Count == 0 ? "no task named" : string.Join(", ", keys);
}
