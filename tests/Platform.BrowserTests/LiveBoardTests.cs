using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>An open board follows changes made anywhere else, without a reload.</summary>
public sealed class LiveBoardTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_board_shows_a_move_made_in_another_browser_and_tasks_an_API_client_creates_and_moves()
    {
        await using var first = await WebSession.SignUpAsync(browser);
        var token = await first.AccessTokenAsync();
        await first.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "LIVE", name = "Live" });
        await first.ApiAsync(HttpMethod.Post, "/api/projects/projects/LIVE/tasks", token, new { title = "Seen everywhere" });
        await using var second = await first.SignInElsewhereAsync();
        foreach (var session in new[] { first, second })
        {
            await session.OpenBoardAsync("LIVE");
            await Expect(Column(session, "Todo").Locator("[data-task='LIVE-1']")).ToBeVisibleAsync();
        }

        await second.Page.Locator("[data-task='LIVE-1']").DragToAsync(Column(second, "In Progress"));
        await Expect(Column(first, "In Progress").Locator("[data-task='LIVE-1']")).ToBeVisibleAsync();

        await first.ApiAsync(HttpMethod.Post, "/api/projects/projects/LIVE/tasks", token, new { title = "From a script" });
        await Expect(Column(first, "Todo").Locator("[data-task='LIVE-2']")).ToBeVisibleAsync();
        await Expect(Column(second, "Todo").Locator("[data-task='LIVE-2']")).ToBeVisibleAsync();

        await first.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/LIVE-2", token, new { state = "Done" });
        await Expect(Column(second, "Done").Locator("[data-task='LIVE-2']")).ToBeVisibleAsync();
        await first.ScreenshotAsync("board-live");
    }

    private static ILocator Column(WebSession session, string state) => session.Page.GetByRole(AriaRole.Region, new() { Name = state, Exact = true });
}
