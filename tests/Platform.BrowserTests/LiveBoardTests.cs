using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using ModelContextProtocol.Client;
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

    [Fact]
    public async Task A_task_an_AI_assistant_creates_and_moves_through_MCP_appears_on_the_open_board()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync("openid projects:read projects:write");
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "MCP", name = "Assisted" });
        await session.OpenBoardAsync("MCP");

        // The official MCP client, as Claude or VS Code would connect: through the gateway with the person's token.
        await using var assistant = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(browser.App.GetEndpoint("gateway", "http"), "/api/ai/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        var created = await assistant.CallToolAsync("create_task", new Dictionary<string, object?> { ["project"] = "MCP", ["title"] = "Drafted by an assistant" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, created.IsError);

        await Expect(Column(session, "Todo").Locator("[data-task='MCP-1']")).ToContainTextAsync("Drafted by an assistant");
        var moved = await assistant.CallToolAsync("transition_task", new Dictionary<string, object?> { ["key"] = "MCP-1", ["state"] = "In Progress" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, moved.IsError);
        await Expect(Column(session, "In Progress").Locator("[data-task='MCP-1']")).ToBeVisibleAsync();
    }

    private static ILocator Column(WebSession session, string state) => session.Page.GetByRole(AriaRole.Region, new() { Name = state, Exact = true });
}
