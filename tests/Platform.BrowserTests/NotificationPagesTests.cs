using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The inbox fills as things happen, with its count in the top bar; preferences say what also comes by email.</summary>
public sealed class NotificationPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_inbox_updates_live_and_the_count_in_the_top_bar_follows()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/inbox");
        await Expect(page.GetByText("You are all caught up.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inbox, nothing unread" })).ToBeVisibleAsync();

        // A token made in Ada's name (here by the API, as a script would) is a security notice: it arrives while the page is open.
        var account = await session.AccessTokenAsync("openid account projects:read");
        await session.ApiAsync(HttpMethod.Post, "/api/identity/me/tokens", account, new { name = "deploy bot", scopes = new[] { "projects:read" }, expiresInDays = 30 });

        var notifications = page.GetByRole(AriaRole.List, new() { Name = "Notifications" });
        await Expect(notifications).ToContainTextAsync("A personal access token was created: deploy bot", new() { Timeout = 15_000 });
        await Expect(notifications).ToContainTextAsync("Security");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inbox, 1 unread" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await session.ScreenshotAsync("inbox");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await notifications.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inbox, nothing unread" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await notifications.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(page.GetByText("You are all caught up.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Archived" }).ClickAsync();
        await Expect(notifications).ToContainTextAsync("deploy bot");
    }

    [Fact]
    public async Task Preferences_choose_what_comes_by_email_and_when()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/settings/notifications");
        var mine = page.GetByRole(AriaRole.Form, new() { Name = "Your notification preferences" });
        await Expect(mine.Locator("[data-following=organization]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();

        await mine.GetByLabel("A task you watch gets a comment").UncheckAsync();
        await mine.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await mine.GetByLabel("One digest a day at").CheckAsync();
        await mine.GetByLabel("Daily digest time").FillAsync("08:30");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(mine.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        await page.ReloadAsync();
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Follow the organization's choice" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(mine.GetByLabel("A task you watch gets a comment")).Not.ToBeCheckedAsync();
        await Expect(mine.GetByLabel("A task is assigned to you")).ToBeCheckedAsync();
        await Expect(mine.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Paris");
        await Expect(mine.GetByLabel("Daily digest time")).ToHaveValueAsync("08:30");
        // The founder administers: the organization's defaults and the delivery log are there too.
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Organization defaults" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deliveries" })).ToContainTextAsync("in the last 7 days");
        await session.ScreenshotAsync("notification-preferences");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
