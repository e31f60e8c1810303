using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The list view: filters and sort through the API, and a bulk change of the selected tasks.</summary>
public sealed class TaskListTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_filters_sorts_and_moves_several_tasks_at_once()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "LST", name = "List" });
        foreach (var title in new[] { "Login page", "Login API", "Billing" })
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/LST/tasks", token, new { title });
        }
        var page = session.Page;
        await page.GotoAsync("/projects/LST/list");
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);

        await page.GetByLabel("Text").FillAsync("login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        // Sorted by key already: sorting by it again turns the order round.
        await page.GetByRole(AriaRole.Button, new() { Name = "Key ↑", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Key ↓", Exact = true })).ToBeVisibleAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-task", "LST-2");

        await page.GetByLabel("Select all").CheckAsync();
        await page.GetByLabel("Move to").SelectOptionAsync("Done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply to selected" }).ClickAsync();
        await Expect(page.Locator("tr[data-task='LST-1']")).ToContainTextAsync("Done");
        await Expect(page.Locator("tr[data-task='LST-2']")).ToContainTextAsync("Done");
        await session.ScreenshotAsync("list");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
