using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>Keyboard first: the command palette, the shortcuts overlay, creating a task and moving between cards without a mouse.</summary>
public sealed class KeyboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_palette_goes_to_a_board_and_the_keys_create_and_open_tasks()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "KEY", name = "Typing" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "OTHER", name = "Another" });
        var page = session.Page;
        await page.GotoAsync("/projects");

        await page.Keyboard.PressAsync("Control+k");
        var palette = page.GetByRole(AriaRole.Dialog, new() { Name = "Command palette" });
        await Expect(palette).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("typing board");
        await Expect(palette.GetByRole(AriaRole.Option).Filter(new() { Visible = true })).ToHaveCountAsync(1);
        await session.ScreenshotAsync("palette");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/projects/KEY", StringComparison.Ordinal));
        await Expect(page.GetByLabel("New task title")).ToBeEnabledAsync();

        await page.Keyboard.PressAsync("c");
        await Expect(page.GetByLabel("New task title")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Typed, not clicked");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-task='KEY-1']")).ToBeVisibleAsync();

        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 300 } });
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/tasks/KEY-1", StringComparison.Ordinal));
        // The URL changes before enhanced navigation patches the DOM; a dialog opened in between would be closed by the patch.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KEY-1 Typed, not clicked" })).ToBeVisibleAsync();

        // On a task's page the palette moves and assigns that task; a typed key opens any task.
        await Expect(page.GetByLabel("State")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync("move to");
        await session.ScreenshotAsync("palette-task");
        await page.Keyboard.TypeAsync(" in progress");
        await Expect(palette.GetByRole(AriaRole.Option).Filter(new() { Visible = true })).ToHaveTextAsync(["Move KEY-1 to In Progress"]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("State")).ToHaveValueAsync("In Progress");
        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync("assign to me");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" })).ToHaveCountAsync(0);
        var moved = await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/KEY-1", token);
        Assert.Equal("In Progress", moved.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, moved.GetProperty("assignee").ValueKind);
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/OTHER/tasks", token, new { title = "Elsewhere" });
        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync("other-1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "OTHER-1 Elsewhere" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Shift+?");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_card_moves_between_states_and_is_assigned_without_a_mouse()
    {
        await using var session = await WebSession.SignUpAsync(browser, name: "Ada Lovelace");
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "KBD", name = "Keys" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/KBD/tasks", token, new { title = "Moved by keys" });
        var page = session.Page;
        await session.OpenBoardAsync("KBD");

        await page.Locator("[data-task='KBD-1'] a").FocusAsync();
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        var inProgress = page.GetByRole(AriaRole.Region, new() { Name = "In Progress", Exact = true });
        await Expect(inProgress.Locator("[data-task='KBD-1']")).ToBeVisibleAsync();
        // The focus went with the card: the next key moves it on.
        await Expect(page.Locator("[data-task='KBD-1'] a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "In Review", Exact = true }).Locator("[data-task='KBD-1']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-task='KBD-1'] a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await Expect(inProgress.Locator("[data-task='KBD-1']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-task='KBD-1'] a")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("i");
        await Expect(page.Locator("[data-task='KBD-1'] .avatar")).ToHaveAttributeAsync("aria-label", "Assigned to Ada Lovelace");
        await Expect(page.Locator("[data-task='KBD-1'] a")).ToBeFocusedAsync();
        var task = await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/KBD-1", token);
        Assert.Equal("In Progress", task.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, task.GetProperty("assignee").ValueKind);
    }
}
