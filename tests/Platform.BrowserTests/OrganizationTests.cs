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

        await page.GetByLabel("Name").FillAsync("Release pipeline");
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
    }
}
