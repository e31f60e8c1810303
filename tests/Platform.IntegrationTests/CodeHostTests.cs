using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>
/// A GitHub repository connected to an organization, end to end through the gateway: its signed deliveries link pull
/// requests and checks to the tasks they name and move the tasks along; anything unsigned is refused at the door.
/// </summary>
public sealed class CodeHostTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_merged_pull_request_that_fixes_a_task_moves_it_to_done_and_stays_linked_to_it()
    {
        var token = await platform.NewOwnerAccessTokenAsync("openid projects:read projects:write org:admin");
        var api = new ProjectsClient(platform, token);
        await api.CreateProjectAsync("PLAT");
        foreach (var title in new[] { "Sign-up form", "Password rules", "Retry sign-in" })
        {
            await api.CreateTaskAsync("PLAT", new { title });
        }

        // A rule on the code trigger: merged pull requests leave a comment.
        using (var rule = await api.SendAsync(HttpMethod.Post, "/projects/PLAT/rules", new
        {
            name = "Note merges", trigger = new { type = "pullRequestChanged", state = "merged" },
            actions = new object[] { new { type = "addComment", value = "Merged on GitHub." } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }

        using var connected = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/integrations", token, new { provider = "github", name = "acme/api" });
        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        var integration = await connected.JsonAsync();
        var address = new Uri(integration.GetProperty("address").GetString()!);
        var secret = integration.GetProperty("secret").GetString()!;
        Assert.Equal($"/api/webhooks/in/{integration.GetProperty("id").GetGuid()}", address.AbsolutePath);

        // Opened from a branch named after the task: into review.
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(address, secret, "pull_request", PullRequest("opened", merged: false, "Retry sign-in", "", "plat-3-retry")));
        await api.WaitForAsync("/tasks/PLAT-3", task => task.GetProperty("state").GetString() == "In Review");
        // Merged with a closing keyword: done, by GitHub.
        var merged = PullRequest("closed", merged: true, "Retry sign-in", "Fixes PLAT-3", "plat-3-retry");
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(address, secret, "pull_request", merged, delivery: "merge-1"));
        // A redelivery changes nothing; an unsigned copy is refused before anything is read.
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(address, secret, "pull_request", merged, delivery: "merge-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(address, "not the secret", "pull_request", merged, delivery: "merge-2"));
        var done = await api.WaitForAsync("/tasks/PLAT-3", task => task.GetProperty("state").GetString() == "Done");
        Assert.Equal("Done", done.GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(address, secret, "check_run", CheckRun("completed", "success", "plat-3-retry", 12)));
        var links = await api.WaitForAsync("/tasks/PLAT-3/links", l => l.GetArrayLength() == 1 && l[0].GetProperty("checks").GetArrayLength() == 1);
        var link = links[0];
        Assert.Equal(("pullRequest", "acme/api", "12", "merged", "https://github.com/acme/api/pull/12"),
            (link.GetProperty("kind").GetString(), link.GetProperty("repository").GetString(), link.GetProperty("reference").GetString(),
             link.GetProperty("state").GetString(), link.GetProperty("url").GetString()));
        Assert.Equal(("build", "success"), (link.GetProperty("checks")[0].GetProperty("name").GetString(), link.GetProperty("checks")[0].GetProperty("conclusion").GetString()));

        // An AI assistant reads the same through MCP.
        await using (var mcp = await platform.ConnectMcpAsync(token))
        {
            var code = await McpCalls.CallAsync(mcp, "get_task_code", new() { ["key"] = "plat-3" });
            Assert.Equal("PLAT-3", code.GetProperty("task").GetString());
            Assert.Equal(("merged", "success"), (code.GetProperty("links")[0].GetProperty("state").GetString(),
                code.GetProperty("links")[0].GetProperty("checks")[0].GetProperty("conclusion").GetString()));
        }

        var history = await api.ReadDirectAsync("/tasks/PLAT-3/history");
        var byGitHub = history.EnumerateArray().Where(e => e.GetProperty("by").GetString() == "integration:github").ToList();
        Assert.Contains(byGitHub, e => e.GetProperty("changes").TryGetProperty("pullRequest", out _));
        Assert.Contains(byGitHub, e => e.GetProperty("changes").TryGetProperty("state", out var state) && state.GetProperty("new").GetString() == "Done");
        var comments = await api.WaitForAsync("/tasks/PLAT-3/comments", c => c.GetProperty("items").GetArrayLength() == 1);
        Assert.Equal("Merged on GitHub.", comments.GetProperty("items")[0].GetProperty("body").GetString());
        // Tasks the pull request does not name are left alone.
        Assert.Equal("Todo", (await api.ReadDirectAsync("/tasks/PLAT-1")).GetProperty("state").GetString());

        using var log = await platform.SendAsync(HttpMethod.Get, $"/api/webhooks/integrations/{integration.GetProperty("id").GetGuid()}/deliveries", token);
        var deliveries = await log.JsonAsync();
        Assert.Equal(3, deliveries.GetArrayLength());
        Assert.Equal("check build completed (success) on acme/api plat-3-retry", deliveries[0].GetProperty("outcome").GetString());
        using var refreshed = await platform.SendAsync(HttpMethod.Get, $"/api/webhooks/integrations/{integration.GetProperty("id").GetGuid()}", token);
        var read = await refreshed.JsonAsync();
        Assert.Equal(1, read.GetProperty("refused").GetInt32());
        Assert.False(read.TryGetProperty("secret", out var hidden) && hidden.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Connecting_a_sender_takes_the_administration_scope_and_a_known_provider()
    {
        var member = await platform.NewOwnerAccessTokenAsync("openid projects:read projects:write");
        using var refused = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/integrations", member, new { provider = "github", name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = await platform.NewOwnerAccessTokenAsync("openid org:admin");
        using var invalid = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/integrations", admin, new { provider = "bitbucket", name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.JsonAsync();
        Assert.Equal(["name", "provider"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        using var unknown = await platform.SendAsync(HttpMethod.Get, $"/api/webhooks/integrations/{Guid.NewGuid()}", admin);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpStatusCode> DeliverAsync(Uri address, string secret, string gitHubEvent, string body, string? delivery = null)
    {
        using var client = platform.CreateHttpClient("gateway");
        using var request = new HttpRequestMessage(HttpMethod.Post, address.AbsolutePath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string PullRequest(string action, bool merged, string title, string body, string branch) => JsonSerializer.Serialize(new
    {
        action,
        number = 12,
        pull_request = new
        {
            number = 12, html_url = "https://github.com/acme/api/pull/12", state = action == "closed" ? "closed" : "open", title, body, draft = false, merged,
            user = new { login = "octocat" }, head = new { @ref = branch },
        },
        repository = new { full_name = "acme/api", default_branch = "main" },
    });

    private static string CheckRun(string status, string conclusion, string branch, int pullRequest) => JsonSerializer.Serialize(new
    {
        action = "completed",
        check_run = new
        {
            name = "build", status, conclusion, head_sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e", html_url = "https://github.com/acme/api/runs/4",
            check_suite = new { head_branch = branch }, pull_requests = new[] { new { number = pullRequest } },
        },
        repository = new { full_name = "acme/api" },
    });
}
