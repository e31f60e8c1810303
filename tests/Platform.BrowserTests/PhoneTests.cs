using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The pages a person opens on a phone fit its screen: only the board's columns scroll sideways, inside the board.</summary>
public sealed class PhoneTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_board_the_task_page_and_search_fit_a_phones_screen()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "PHONE", name = "On the go" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/PHONE/tasks", token, new { title = "Read on a phone", labels = new[] { "mobile" } });
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);

        foreach (var (path, name) in new[] { ("/projects/PHONE", "phone-board"), ("/tasks/PHONE-1", "phone-task"), ("/search?q=phone", "phone-search"), ("/projects", "phone-projects") })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await session.ScreenshotAsync(name);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen");
        }
    }
}
