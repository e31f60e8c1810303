using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>Installable, and the last board a person opened stays readable without a network, marked as a kept copy.</summary>
public sealed class OfflineTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_last_board_opened_is_readable_offline_and_says_so()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "OFF", name = "Offline" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/OFF/tasks", token, new { title = "Read me on the train" });
        var page = session.Page;
        var manifest = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        Assert.Equal("/manifest.webmanifest", manifest);

        await page.GotoAsync("/projects/OFF");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        // Now that the worker controls the page, this visit is kept.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-task='OFF-1']")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-task='OFF-1']")).ToBeVisibleAsync();
        await Expect(page.GetByText("You are offline")).ToBeVisibleAsync();
        await session.ScreenshotAsync("board-offline");
        await page.Context.SetOfflineAsync(false);
    }
}
