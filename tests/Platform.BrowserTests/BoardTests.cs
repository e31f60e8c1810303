using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A team's first minutes in the web client: sign up, sign in, a project, tasks on its board, a card moved.</summary>
public sealed class BoardTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_signs_up_creates_a_project_adds_tasks_and_moves_a_card()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();

        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("WEB");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Web client");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "WEB Web client" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("projects");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "WEB Web client" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects/WEB", StringComparison.Ordinal));
        await Expect(page.GetByLabel("New task title")).ToBeEnabledAsync();
        foreach (var title in new[] { "Write the design", "Build the board" })
        {
            await page.GetByLabel("New task title").FillAsync(title);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
            await Expect(page.Locator("[data-task]", new() { HasText = title })).ToBeVisibleAsync();
        }
        // New tasks start in the workflow's first to-do state.
        var todo = page.GetByRole(AriaRole.Region, new() { Name = "Todo", Exact = true });
        var inProgress = page.GetByRole(AriaRole.Region, new() { Name = "In Progress", Exact = true });
        await Expect(todo.Locator("[data-task]")).ToHaveCountAsync(2);

        await page.Locator("[data-task='WEB-1']").DragToAsync(inProgress);
        await Expect(inProgress.Locator("[data-task='WEB-1']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("board");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // The move went to the API: a fresh load of the board shows it.
        await session.OpenBoardAsync("WEB");
        await Expect(inProgress.Locator("[data-task='WEB-1']")).ToBeVisibleAsync();
        await Expect(todo.Locator("[data-task='WEB-2']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_board_of_many_cards_connects_with_the_cards_its_prerender_handed_over()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "BIG", name = "Many cards" });
        // Far more than the 32 KB a Blazor hub message holds by default, which the handed-over cards once exceeded.
        const int Cards = 150;
        await Parallel.ForAsync(0, Cards, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/BIG/tasks", token,
                new { title = $"Card {i} with a title long enough to weigh something", labels = new[] { "bulk", $"batch-{i % 7}" }, priority = "medium" }));

        await session.OpenBoardAsync("BIG");
        await Expect(session.Page.Locator("[data-task]")).ToHaveCountAsync(Cards);
        await session.Page.GetByLabel("New task title").FillAsync("One more");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
        await Expect(session.Page.Locator("[data-task]")).ToHaveCountAsync(Cards + 1);
    }
}
