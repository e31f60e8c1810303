using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A board narrowed by filters kept in its address, and cut into swimlanes whose rows a drag changes.</summary>
public sealed class BoardFilterTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_filters_the_board_groups_it_by_assignee_and_assigns_a_task_by_dragging_it_to_their_lane()
    {
        await using var session = await WebSession.SignUpAsync(browser, name: "Ada Lovelace");
        var token = await session.AccessTokenAsync();
        var me = (await session.ApiAsync(HttpMethod.Get, "/api/identity/me", token)).GetProperty("id").GetGuid();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "FLT", name = "Filters" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FLT/tasks", token, new { title = "Mine, urgent API", assignee = me, priority = "urgent", labels = new[] { "api" } });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FLT/tasks", token, new { title = "Nobody's UI", labels = new[] { "ui" } });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FLT/tasks", token, new { title = "Nobody's API docs", labels = new[] { "api" } });
        var page = session.Page;
        await session.OpenBoardAsync("FLT");
        var cards = page.Locator("[data-task]");
        await Expect(cards).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-task='FLT-1'] .avatar")).ToHaveAttributeAsync("aria-label", "Assigned to Ada Lovelace");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Label" }).SelectOptionAsync("api");
        await Expect(cards).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Assignee" }).SelectOptionAsync("me");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(page.GetByText("1 of 3 tasks")).ToBeVisibleAsync();
        Assert.Contains("assignee=me", page.Url, StringComparison.Ordinal);
        Assert.Contains("label=api", page.Url, StringComparison.Ordinal);

        // The filter is in the address: a reload (or a shared link) shows the same board.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("New task title")).ToBeEnabledAsync();
        await Expect(cards).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Assignee" }).SelectOptionAsync("");
        await page.GetByLabel("Text").FillAsync("docs");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-task='FLT-3']")).ToBeVisibleAsync();
        await page.GetByLabel("Text").FillAsync("");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Label" }).SelectOptionAsync("");
        await Expect(cards).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Swimlanes" }).SelectOptionAsync("assignee");
        var adasLane = page.GetByRole(AriaRole.Region, new() { Name = "Ada Lovelace", Exact = true });
        var unassigned = page.GetByRole(AriaRole.Region, new() { Name = "Unassigned", Exact = true });
        await Expect(adasLane.Locator("[data-task]")).ToHaveCountAsync(1);
        await Expect(unassigned.Locator("[data-task]")).ToHaveCountAsync(2);

        await page.Locator("[data-task='FLT-2']").DragToAsync(page.GetByRole(AriaRole.Region, new() { Name = "In Progress, Ada Lovelace", Exact = true }));
        await Expect(adasLane.Locator("[data-task='FLT-2']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("board-swimlanes");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        var moved = await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/FLT-2", token);
        Assert.Equal(me, moved.GetProperty("assignee").GetGuid());
        Assert.Equal("In Progress", moved.GetProperty("state").GetString());
    }
}
