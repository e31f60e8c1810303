using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>An administrator connects a GitHub repository from the web client; what it sends shows on the task it names.</summary>
public sealed class IntegrationPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_connects_GitHub_and_the_merged_pull_request_shows_on_the_task_it_fixed()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "PLAT", name = "Platform" });
        foreach (var title in new[] { "Sign-up form", "Password rules", "Retry sign-in" })
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/PLAT/tasks", token, new { title });
        }

        var page = session.Page;
        await page.GotoAsync("/settings/integrations");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("acme/api");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        var address = await page.GetByRole(AriaRole.Textbox, new() { Name = "Payload URL" }).InputValueAsync();
        var secret = await page.GetByRole(AriaRole.Textbox, new() { Name = "Secret", Exact = true }).InputValueAsync();
        Assert.Matches("/api/webhooks/in/[0-9a-f-]{36}$", address);
        Assert.Equal(64, secret.Length);
        await session.ScreenshotAsync("integrations");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // The task's page is open (and connected) when GitHub reports: the pull request, its check and the move show as they happen.
        await page.GotoAsync("/tasks/PLAT-3");
        var development = page.GetByRole(AriaRole.Region, new() { Name = "Development" });
        await Expect(development).ToContainTextAsync("No pull request or commit names PLAT-3 yet");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit description" })).ToBeEnabledAsync();
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(new Uri(address).AbsolutePath, secret, "pull_request", MergedPullRequest()));
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(new Uri(address).AbsolutePath, secret, "check_run", CheckRun()));

        await Expect(development.GetByRole(AriaRole.Link, new() { Name = "acme/api#12" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(development).ToContainTextAsync("merged");
        await Expect(development.GetByRole(AriaRole.List, new() { Name = "Checks of acme/api#12" })).ToContainTextAsync("build success", new() { Timeout = 15_000 });
        await Expect(page.Locator(".history")).ToContainTextAsync("GitHub: pull request – → acme/api#12 merged", new() { Timeout = 15_000 });
        await Expect(page.Locator(".history")).ToContainTextAsync("GitHub: state Todo → Done");
        await session.ScreenshotAsync("task-development");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GotoAsync("/settings/integrations");
        await page.GetByRole(AriaRole.Link, new() { Name = "acme/api" }).ClickAsync();
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Latest deliveries" });
        await Expect(log.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(log).ToContainTextAsync("pull request acme/api#12 merged: PLAT-3");
        await session.ScreenshotAsync("integration-deliveries");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task An_admin_adds_an_outbound_endpoint_sends_it_a_test_and_reads_its_log()
    {
        using var receiver = new WebhookReceiver();
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/settings/integrations");
        var add = page.GetByRole(AriaRole.Form, new() { Name = "Add an endpoint" });
        await Expect(add.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" })).ToBeEnabledAsync();
        await add.GetByLabel("Address").FillAsync(receiver.Address);
        await add.GetByLabel("Description").FillAsync("Release bot");
        await add.GetByRole(AriaRole.Checkbox, new() { Name = "task.code-changed" }).CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        var secret = page.GetByRole(AriaRole.Textbox, new() { Name = "Signing secret" });
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        await session.ScreenshotAsync("integrations-outbound");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = receiver.Address }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = receiver.Address })).ToBeVisibleAsync();
        await Expect(page.GetByText("task.created, task.state-changed, task.code-changed")).ToBeVisibleAsync();
        var test = page.GetByRole(AriaRole.Button, new() { Name = "Send a test message" });
        await Expect(test).ToBeEnabledAsync();
        await test.ClickAsync();
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Latest messages" });
        await Expect(log.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("webhook.test", new() { Timeout = 15_000 });
        await Expect(log.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("succeeded", new() { Timeout = 15_000 });
        Assert.Contains("webhook.test", Assert.Single(receiver.Requests).Body, StringComparison.Ordinal);
        await session.ScreenshotAsync("webhook-endpoint");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Off since");
    }

    private async Task<HttpStatusCode> DeliverAsync(string path, string secret, string gitHubEvent, string body)
    {
        using var http = browser.App.CreateHttpClient("gateway", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string MergedPullRequest() => JsonSerializer.Serialize(new
    {
        action = "closed",
        pull_request = new
        {
            number = 12, html_url = "https://github.com/acme/api/pull/12", state = "closed", title = "Retry sign-in", body = "Fixes PLAT-3",
            draft = false, merged = true, user = new { login = "octocat" }, head = new { @ref = "plat-3-retry" },
        },
        repository = new { full_name = "acme/api" },
    });

    private static string CheckRun() => JsonSerializer.Serialize(new
    {
        action = "completed",
        check_run = new
        {
            name = "build", status = "completed", conclusion = "success", head_sha = "6dcb09b", html_url = "https://github.com/acme/api/runs/4",
            check_suite = new { head_branch = "plat-3-retry" }, pull_requests = new[] { new { number = 12 } },
        },
        repository = new { full_name = "acme/api" },
    });
}
