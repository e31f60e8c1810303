using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The settings a person uses to let scripts and AI assistants in: tokens, and how to connect an MCP client.</summary>
public sealed class SettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_token_made_on_the_tokens_page_is_shown_once_works_and_is_revoked_there()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/settings/tokens");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("CI");
        await page.GetByLabel("projects:write").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var shown = page.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true });
        await Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^plat_"));
        var token = await shown.InputValueAsync();
        await session.ScreenshotAsync("tokens");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        var projects = await session.ApiAsync(HttpMethod.Get, "/api/projects/projects", token);
        Assert.Equal(JsonValueKind.Array, projects.ValueKind);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke CI" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "CI" })).ToContainTextAsync("revoked");
        await Expect(shown).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_assistants_page_gives_a_configuration_for_this_deployments_MCP_server()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/settings/assistants");

        var address = new Uri(browser.App.GetEndpoint("gateway", "http"), "/api/ai/mcp").ToString();
        await Expect(page.GetByLabel("MCP server address")).ToHaveValueAsync(address);
        var vsCode = JsonDocument.Parse(await page.GetByLabel("mcp.json").InputValueAsync());
        Assert.Equal(address, vsCode.RootElement.GetProperty("servers").GetProperty("platform").GetProperty("url").GetString());
        await session.ScreenshotAsync("assistants");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
