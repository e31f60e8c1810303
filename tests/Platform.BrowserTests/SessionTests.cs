using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A page left open for longer than an access token lives keeps working: the web app refreshes the token on the server.</summary>
public sealed class SessionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_board_left_open_past_its_access_tokens_expiry_still_saves()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("OPEN");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Left open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "OPEN Left open" }).ClickAsync();
        await Expect(page.GetByLabel("New task title")).ToBeEnabledAsync();

        // Past the sign-in token's expiry and the services' tolerance: only a refreshed token is accepted now.
        await Task.Delay(BrowserFixture.AccessTokenLifetime + BrowserFixture.ClockSkew + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        await page.GetByLabel("New task title").FillAsync("Still here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
        await Expect(page.Locator("[data-task='OPEN-1']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }
}
