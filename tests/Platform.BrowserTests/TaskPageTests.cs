using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The task page: markdown that cannot run script, comments, dependencies with a refused cycle, fields, history.</summary>
public sealed class TaskPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_describes_comments_links_and_moves_a_task_on_its_page()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "TP", name = "Task page" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/TP/tasks", token, new { title = "Design" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/TP/tasks", token, new { title = "Build" });
        var page = session.Page;
        await page.GotoAsync("/tasks/TP-2");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "TP-2 Build" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit description" }).ClickAsync();
        await page.GetByLabel("Markdown").FillAsync("# Plan\n\n<script>window.hacked = 1</script> [a link](javascript:window.hacked=2) and **bold**");
        await Expect(page.GetByLabel("Preview").GetByRole(AriaRole.Heading, new() { Name = "Plan" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save description" }).ClickAsync();
        var description = page.Locator(".task-main .markdown").First;
        await Expect(description.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(description).ToContainTextAsync("<script>");
        await Expect(description.GetByRole(AriaRole.Link, new() { Name = "a link" })).ToHaveAttributeAsync("href", "#");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.hacked"));

        await page.GetByLabel("Add a comment").FillAsync("Looks **good**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment" }).ClickAsync();
        await Expect(page.Locator(".comments li strong", new() { HasText = "good" })).ToBeVisibleAsync();

        await page.GetByLabel("Waits for").FillAsync("TP-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add dependency" }).ClickAsync();
        await Expect(page.Locator(".dependencies").GetByRole(AriaRole.Link, new() { Name = "TP-1" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Blocked: it waits for an unfinished task.")).ToBeVisibleAsync();

        await page.GetByLabel("State").SelectOptionAsync("In Progress");
        await Expect(page.Locator(".history")).ToContainTextAsync("state Todo → In Progress");
        await session.ScreenshotAsync("task");

        // The other way round would be a cycle: refused, and the answer names it.
        await page.GotoAsync("/tasks/TP-1");
        await page.GetByLabel("Waits for").FillAsync("TP-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add dependency" }).ClickAsync();
        await Expect(page.Locator(".task-side .problem")).ToContainTextAsync("TP-2 → TP-1 → TP-2");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
