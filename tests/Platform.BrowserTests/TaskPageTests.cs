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

    [Fact]
    public async Task A_person_splits_a_task_into_subtasks_watches_it_assigns_it_and_sees_it_as_it_was()
    {
        await using var session = await WebSession.SignUpAsync(browser, name: "Grace Hopper");
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "SUB", name = "Subtasks" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/SUB/tasks", token, new { title = "Ship the release" });
        var page = session.Page;
        await page.GotoAsync("/tasks/SUB-1");
        await Expect(page.GetByLabel("New subtask")).ToBeEnabledAsync();

        await page.GetByLabel("New subtask").FillAsync("Write the notes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add subtask" }).ClickAsync();
        await Expect(page.Locator(".subtasks [data-task='SUB-2']")).ToContainTextAsync("Write the notes");
        Assert.Equal("SUB-1", (await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/SUB-2", token)).GetProperty("parent").GetString());

        // A subtask added elsewhere (an AI assistant, a colleague) shows on the open page, and so does its state.
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/SUB/tasks", token, new { title = "Tag the build", parent = "SUB-1" });
        await Expect(page.Locator(".subtasks [data-task='SUB-3']")).ToContainTextAsync("Tag the build");
        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/SUB-3", token, new { state = "Done" });
        await Expect(page.Locator(".subtasks [data-task='SUB-3']")).ToContainTextAsync("Done");
        await Expect(page.GetByText("1 of 2 done")).ToBeVisibleAsync();

        // The creator already watches; the button turns that off and on again.
        await Expect(page.Locator(".task-side")).ToContainTextAsync("Grace Hopper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop watching" }).ClickAsync();
        await Expect(page.GetByText("Nobody watches this task.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Watch", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop watching" })).ToBeVisibleAsync();

        await page.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Label = "Grace Hopper" });
        await Expect(page.Locator(".history")).ToContainTextAsync("assignee – → Grace Hopper");
        await page.GetByLabel("Labels").FillAsync("release, docs");
        await page.GetByLabel("Labels").BlurAsync();
        await Expect(page.Locator(".history")).ToContainTextAsync("labels none → release, docs");
        await session.ScreenshotAsync("task-subtasks");

        // The first history entry is the creation: the task then had no assignee and no labels, and cannot be changed.
        await page.Locator(".history li").First.GetByRole(AriaRole.Button, new() { Name = "as it was after the change" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "as it was on" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Assignee")).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Labels")).ToHaveValueAsync("");
        await Expect(page.GetByLabel("State")).ToBeDisabledAsync();
        await Expect(page.GetByLabel("New subtask")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("task-as-of");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to now" }).ClickAsync();
        await Expect(page.GetByLabel("Labels")).ToHaveValueAsync("release, docs");
        await Expect(page.GetByLabel("State")).ToBeEnabledAsync();
    }
}
