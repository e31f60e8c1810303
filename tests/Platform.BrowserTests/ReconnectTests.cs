using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A page whose connection to the server drops says so, reconnects by itself and has missed nothing.</summary>
public sealed partial class ReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_dropped_connection_is_announced_resumed_and_the_changes_made_meanwhile_are_shown()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "NET", name = "Network" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/NET/tasks", token, new { title = "Survives a dropped connection" });
        var page = session.Page;
        // The page's circuit connection passes through the test, which can cut it as a network would: the
        // WebSocket and SignalR's HTTP requests (negotiation and the fallback transports) alike, so the page
        // cannot be back before the network is.
        IWebSocketRoute? circuit = null;
        var unreachable = false;
        await page.RouteWebSocketAsync(CircuitConnection(), async socket =>
        {
            if (unreachable)
            {
                await socket.CloseAsync(new() { Code = 4000, Reason = "network gone" });
                return;
            }
            circuit = socket;
            socket.ConnectToServer();
        });
        await page.RouteAsync(CircuitConnection(), route => unreachable ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await session.OpenBoardAsync("NET");
        var notice = page.Locator("#components-reconnect-modal");
        await Expect(notice).ToBeHiddenAsync();

        // The "connected again" line shows for a few seconds only: the page notes that it was shown.
        await page.EvaluateAsync("""
            () => new MutationObserver(() => window.reconnectedShown ||= !document.getElementById('reconnected').hidden)
                .observe(document.getElementById('reconnected'), { attributes: true })
            """);
        var dropped = circuit!;
        unreachable = true;
        await dropped.CloseAsync(new() { Code = 4000, Reason = "network gone" });
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("reconnecting", new() { IgnoreCase = true });
        await session.ScreenshotAsync("reconnecting");

        // A change made while the page is cut off reaches its circuit on the server, and the page once it is back.
        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/NET-1", token, new { state = "Done" });
        unreachable = false;
        await page.WaitForFunctionAsync("() => window.reconnectedShown === true", null, new() { Timeout = 60_000 });
        await Expect(notice).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Done", Exact = true }).Locator("[data-task='NET-1']")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex CircuitConnection();
}
