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

        await mine.GetByLabel("A task you watch gets a comment by email").UncheckAsync();
        await mine.GetByLabel("A task is assigned to you by push").UncheckAsync();
        await mine.GetByLabel("A task you watch moves by chat").UncheckAsync();
        await mine.GetByLabel("Language").SelectOptionAsync("fr");
        await mine.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await mine.GetByLabel("One digest a day at").CheckAsync();
        await mine.GetByLabel("Daily digest time").FillAsync("08:30");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(mine.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        await page.ReloadAsync();
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Follow the organization's choice" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(mine.GetByLabel("A task you watch gets a comment by email")).Not.ToBeCheckedAsync();
        await Expect(mine.GetByLabel("A task you watch gets a comment by push")).ToBeCheckedAsync();
        await Expect(mine.GetByLabel("A task is assigned to you by email")).ToBeCheckedAsync();
        await Expect(mine.GetByLabel("A task is assigned to you by push")).Not.ToBeCheckedAsync();
        await Expect(mine.GetByLabel("A task you watch moves by chat")).Not.ToBeCheckedAsync();
        await Expect(mine.GetByLabel("Language")).ToHaveValueAsync("fr");
        await Expect(mine.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Paris");
        await Expect(mine.GetByLabel("Daily digest time")).ToHaveValueAsync("08:30");
        // The founder administers: the organization's defaults and the delivery log are there too.
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Organization defaults" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deliveries" })).ToContainTextAsync("in the last 7 days");
        // Push is offered in this browser, and none of the person's browsers has it yet.
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Browser push" }).Locator("[data-push=none]")).ToBeVisibleAsync();
        // A Slack chat of one's own: connected, listed by its host only (the address is a secret), disconnected.
        var chats = page.GetByRole(AriaRole.Region, new() { Name = "Slack and Teams" });
        await Expect(chats.Locator("[data-chat=none]")).ToBeVisibleAsync();
        await chats.GetByLabel("Incoming webhook address").FillAsync("https://hooks.slack.example.test/services/T0/B0/secret");
        await chats.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        // The integrations service's first write of the run (its outbox included) is slow on a loaded 2-core machine.
        await Expect(chats.GetByRole(AriaRole.List, new() { Name = "Connected chats" })).ToContainTextAsync("Slack · hooks.slack.example.test", new() { Timeout = 30_000 });
        await Expect(chats).Not.ToContainTextAsync("secret");
        await session.ScreenshotAsync("notification-channels");
        await chats.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(chats.Locator("[data-chat=none]")).ToBeVisibleAsync();

        var branding = page.GetByRole(AriaRole.Form, new() { Name = "Mail branding" });
        await branding.GetByLabel("Accent colour").FillAsync("#0f766e");
        await branding.GetByLabel("Logo address").FillAsync("http://not-https.example/logo.png");
        await branding.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(branding).ToContainTextAsync("An https address of an image");
        await branding.GetByLabel("Logo address").FillAsync("");
        await branding.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(branding.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await session.ScreenshotAsync("notification-preferences");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
