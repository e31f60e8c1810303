using System.Text.Json;
using Platform.Contracts;
using Platform.Webhooks.Inbound;

namespace Platform.Webhooks.Tests;

/// <summary>What each code host's event becomes on the platform.</summary>
public sealed class TranslatorTests
{
    private static readonly Sender GitHub = new(Guid.NewGuid(), Guid.NewGuid(), "github", DateTimeOffset.UnixEpoch);
    private static readonly Sender GitLab = GitHub with { Provider = "gitlab" };

    [Fact]
    public void A_merged_GitHub_pull_request_names_its_tasks_and_those_it_fixes()
    {
        var translation = GitHubTranslator.Translate(GitHub, "pull_request",
            Parse(Payloads.GitHubPullRequest("closed", merged: true, "Sign-in retries (PLAT-2)", "Fixes PLAT-3", branch: "plat-4-retries")));
        var changed = Assert.IsType<PullRequestChanged>(Assert.Single(translation.Events));
        Assert.Equal(("acme/api", 12, "merged", "merged", "octocat", "plat-4-retries"), (changed.Repository, changed.Number, changed.Action, changed.State, changed.Author, changed.Branch));
        Assert.Equal(["PLAT-4", "PLAT-2", "PLAT-3"], changed.TaskKeys);
        Assert.Equal(["PLAT-3"], changed.ClosingKeys);
        Assert.Equal("https://github.com/acme/api/pull/12", changed.Url);
        Assert.Equal((GitHub.OrganizationId, "github:acme/api"), (changed.OrganizationId, changed.Subject));
        Assert.Equal("pull request acme/api#12 merged: PLAT-4, PLAT-2, PLAT-3", translation.Outcome);
    }

    [Fact]
    public void A_closed_unmerged_pull_request_is_closed_and_a_draft_is_a_draft()
    {
        var closed = (PullRequestChanged)GitHubTranslator.Translate(GitHub, "pull_request", Parse(Payloads.GitHubPullRequest("closed", merged: false, "x", ""))).Events[0];
        Assert.Equal(("closed", "closed"), (closed.Action, closed.State));
        var draft = (PullRequestChanged)GitHubTranslator.Translate(GitHub, "pull_request", Parse(Payloads.GitHubPullRequest("opened", merged: false, "x", "", draft: true))).Events[0];
        Assert.Equal(("opened", "draft"), (draft.Action, draft.State));
    }

    [Fact]
    public void A_GitHub_push_names_each_commits_tasks_and_knows_the_default_branch()
    {
        var translation = GitHubTranslator.Translate(GitHub, "push",
            Parse(Payloads.GitHubPush("main", ("a1b2c3d", "Retry sign-in PLAT-2\\n\\nFixes PLAT-3"), ("e4f5a6b", "Tidy"))));
        var pushed = Assert.IsType<CommitsPushed>(Assert.Single(translation.Events));
        Assert.True(pushed.DefaultBranch);
        Assert.Equal("Retry sign-in PLAT-2", pushed.Commits[0].Message);
        Assert.Equal(["PLAT-2", "PLAT-3"], pushed.Commits[0].TaskKeys);
        Assert.Equal(["PLAT-3"], pushed.Commits[0].ClosingKeys);
        Assert.Empty(pushed.Commits[1].TaskKeys);
    }

    [Fact]
    public void A_GitHub_check_run_names_its_pull_requests_and_its_branchs_tasks()
    {
        var check = (CheckChanged)GitHubTranslator.Translate(GitHub, "check_run", Parse(Payloads.GitHubCheckRun("completed", "failure", "plat-4-retries", 12))).Events[0];
        Assert.Equal(("build", "completed", "failure", "plat-4-retries"), (check.Name, check.Status, check.Conclusion, check.Branch));
        Assert.Equal([12], check.PullRequests);
        Assert.Equal(["PLAT-4"], check.TaskKeys);
        var running = (CheckChanged)GitHubTranslator.Translate(GitHub, "check_run", Parse(Payloads.GitHubCheckRun("in_progress", null, "main"))).Events[0];
        Assert.Null(running.Conclusion);
    }

    [Fact]
    public void GitHub_events_the_platform_does_not_use_announce_nothing()
    {
        Assert.Empty(GitHubTranslator.Translate(GitHub, "ping", Parse("""{"zen": "Keep it logically awesome."}""")).Events);
        var starred = GitHubTranslator.Translate(GitHub, "star", Parse("{}"));
        Assert.Empty(starred.Events);
        Assert.Equal("star: not used by the platform", starred.Outcome);
    }

    [Fact]
    public void A_merged_GitLab_merge_request_and_a_failed_pipeline_read_as_GitHubs_do()
    {
        var merged = (PullRequestChanged)GitLabTranslator.Translate(GitLab, "Merge Request Hook",
            Parse(Payloads.GitLabMergeRequest("merge", "merged", "Web retries", "Closes WEB-9", "web-8-retries"))).Events[0];
        Assert.Equal(("acme/web", 7, "merged", "merged", "root"), (merged.Repository, merged.Number, merged.Action, merged.State, merged.Author));
        Assert.Equal(["WEB-8", "WEB-9"], merged.TaskKeys);
        Assert.Equal(["WEB-9"], merged.ClosingKeys);

        var failed = (CheckChanged)GitLabTranslator.Translate(GitLab, "Pipeline Hook", Parse(Payloads.GitLabPipeline("failed", "web-8-retries", 7))).Events[0];
        Assert.Equal(("pipeline", "completed", "failure"), (failed.Name, failed.Status, failed.Conclusion));
        Assert.Equal("https://gitlab.example/acme/web/-/pipelines/31", failed.Url);
        Assert.Equal([7], failed.PullRequests);
        var running = (CheckChanged)GitLabTranslator.Translate(GitLab, "Pipeline Hook", Parse(Payloads.GitLabPipeline("running", "main", null))).Events[0];
        Assert.Equal(("in_progress", null), (running.Status, running.Conclusion));
        Assert.Empty(running.PullRequests);
    }

    [Fact]
    public void A_generic_check_names_its_tasks_and_anything_else_is_explained()
    {
        var sender = GitHub with { Provider = "generic" };
        var check = (CheckChanged)GenericTranslator.Translate(sender, "check.changed", Parse("""
            {"type": "check.changed", "data": {"name": "deploy-staging", "status": "completed", "conclusion": "success", "url": "https://ci.example/1", "taskKeys": ["PLAT-5"]}}
            """)).Events[0];
        Assert.Equal(("deploy-staging", "success"), (check.Name, check.Conclusion));
        Assert.Equal(["PLAT-5"], check.TaskKeys);
        Assert.Contains("needs data.name and data.status", GenericTranslator.Translate(sender, "check.changed", Parse("""{"data": {"status": "done"}}""")).Outcome);
        Assert.Contains("not used by the platform", GenericTranslator.Translate(sender, "build.finished", Parse("{}")).Outcome);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
