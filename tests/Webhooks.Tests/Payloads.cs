namespace Platform.Webhooks.Tests;

/// <summary>Deliveries shaped as GitHub and GitLab send them (the fields the platform reads, and some it does not).</summary>
public static class Payloads
{
    public static string GitHubPullRequest(string action, bool merged, string title, string body, string branch = "feature/login", int number = 12, bool draft = false) => $$"""
        {
          "action": "{{action}}",
          "number": {{number}},
          "pull_request": {
            "url": "https://api.github.com/repos/acme/api/pulls/{{number}}",
            "html_url": "https://github.com/acme/api/pull/{{number}}",
            "number": {{number}},
            "state": "{{(action == "closed" ? "closed" : "open")}}",
            "title": "{{title}}",
            "body": "{{body}}",
            "draft": {{(draft ? "true" : "false")}},
            "merged": {{(merged ? "true" : "false")}},
            "user": { "login": "octocat", "id": 1 },
            "head": { "ref": "{{branch}}", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e" },
            "base": { "ref": "main" }
          },
          "repository": { "id": 1296269, "full_name": "acme/api", "default_branch": "main" },
          "sender": { "login": "octocat" }
        }
        """;

    public static string GitHubPush(string branch, params (string Sha, string Message)[] commits) => $$"""
        {
          "ref": "refs/heads/{{branch}}",
          "before": "0000000000000000000000000000000000000000",
          "after": "{{commits.LastOrDefault().Sha}}",
          "deleted": false,
          "repository": { "full_name": "acme/api", "default_branch": "main" },
          "commits": [{{string.Join(",", commits.Select(c => $$"""
            { "id": "{{c.Sha}}", "message": "{{c.Message}}", "url": "https://github.com/acme/api/commit/{{c.Sha}}", "author": { "name": "Ada", "username": "ada" } }
            """))}}]
        }
        """;

    public static string GitHubCheckRun(string status, string? conclusion, string branch, params int[] pullRequests) => $$"""
        {
          "action": "{{(status == "completed" ? "completed" : "created")}}",
          "check_run": {
            "name": "build",
            "status": "{{status}}",
            "conclusion": {{(conclusion is null ? "null" : $"\"{conclusion}\"")}},
            "head_sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
            "html_url": "https://github.com/acme/api/runs/4",
            "check_suite": { "head_branch": "{{branch}}" },
            "pull_requests": [{{string.Join(",", pullRequests.Select(n => $$"""{ "number": {{n}} }"""))}}]
          },
          "repository": { "full_name": "acme/api" }
        }
        """;

    public static string GitLabMergeRequest(string action, string state, string title, string description, string branch) => $$"""
        {
          "object_kind": "merge_request",
          "user": { "username": "root" },
          "project": { "path_with_namespace": "acme/web", "web_url": "https://gitlab.example/acme/web", "default_branch": "main" },
          "object_attributes": {
            "iid": 7, "title": "{{title}}", "description": "{{description}}", "state": "{{state}}", "action": "{{action}}",
            "source_branch": "{{branch}}", "target_branch": "main", "draft": false,
            "url": "https://gitlab.example/acme/web/-/merge_requests/7"
          }
        }
        """;

    public static string GitLabPipeline(string status, string branch, int? mergeRequest) => $$"""
        {
          "object_kind": "pipeline",
          "object_attributes": { "id": 31, "ref": "{{branch}}", "sha": "bcbb5ec396a2c0f828686f14fac9b80b780504f2", "status": "{{status}}" },
          "merge_request": {{(mergeRequest is { } iid ? $$"""{ "iid": {{iid}} }""" : "null")}},
          "project": { "path_with_namespace": "acme/web", "web_url": "https://gitlab.example/acme/web" }
        }
        """;
}
