using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>An owner administers the organization: its members, invitations and machine clients.</summary>
public sealed class OrganizationTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_invites_a_person_and_registers_a_machine_client_that_signs_in()
    {
        await using var session = await WebSession.SignUpAsync(browser, name: "Olive Owner");
        var page = session.Page;
        await page.GotoAsync("/settings/organization");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Olive Owner" })).ToBeVisibleAsync();

        var invitee = $"invitee-{Guid.NewGuid():N}@example.test";
        await page.GetByLabel("Email").FillAsync(invitee);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(page.GetByText($"{invitee} as member")).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Release pipeline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register machine client" }).ClickAsync();
        var clientId = await page.GetByRole(AriaRole.Textbox, new() { Name = "Client id" }).InputValueAsync();
        var secret = await page.GetByRole(AriaRole.Textbox, new() { Name = "Client secret" }).InputValueAsync();
        await session.ScreenshotAsync("organization");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        using var identity = browser.App.CreateHttpClient("identity", "http");
        using var token = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "projects:read",
        }), TestContext.Current.CancellationToken);
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("access_token").GetString()!;
        Assert.Equal(JsonValueKind.Array, (await session.ApiAsync(HttpMethod.Get, "/api/projects/projects", accessToken)).ValueKind);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Release pipeline" }).ClickAsync();
        await Expect(page.GetByText(clientId)).ToHaveCountAsync(0);

        // A third-party app: an unsafe redirect is refused on its field; a good one is listed, then deleted.
        await page.GetByLabel("App name").FillAsync("Roadmap sync");
        await page.GetByLabel("Redirect addresses, one a line").FillAsync("http://roadmap.example.test/callback");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register app" }).ClickAsync();
        await Expect(page.Locator(".field-error", new() { HasText = "https" })).ToBeVisibleAsync();
        await page.GetByLabel("App name").FillAsync("Roadmap sync");
        await page.GetByLabel("Redirect addresses, one a line").FillAsync("https://roadmap.example.test/callback");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register app" }).ClickAsync();
        Assert.StartsWith("app-", await page.GetByRole(AriaRole.Textbox, new() { Name = "Client id" }).InputValueAsync(), StringComparison.Ordinal);
        await Expect(page.GetByText("→ https://roadmap.example.test/callback")).ToBeVisibleAsync();
        await session.ScreenshotAsync("organization-apps");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Roadmap sync" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete Roadmap sync" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_invited_person_joins_from_the_settings_page_and_switches_to_that_organization()
    {
        await using var owner = await WebSession.SignUpAsync(browser, name: "Olive Owner", organization: "Orchard");
        var ownerToken = await owner.AccessTokenAsync();
        await owner.ApiAsync(HttpMethod.Post, "/api/projects/projects", ownerToken, new { key = "ORC", name = "Orchard plans" });
        await using var guest = await WebSession.SignUpAsync(browser, name: "Gus Guest", organization: "Guesthouse");
        await owner.Page.GotoAsync("/settings/organization");
        await owner.Page.GetByLabel("Email").FillAsync(guest.Email);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(owner.Page.GetByText($"{guest.Email} as member")).ToBeVisibleAsync();

        var page = guest.Page;
        await page.GotoAsync("/settings/organization");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join Orchard" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go there" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "ORC Orchard plans" })).ToBeVisibleAsync();

        // Back to their own organization with the switcher: its projects, not the other's.
        await page.GetByLabel("Organization").SelectOptionAsync(new SelectOptionValue { Label = "Guesthouse" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects", StringComparison.Ordinal));
        await Expect(page.GetByText("No projects yet")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Organization")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^guesthouse"));
    }
}
