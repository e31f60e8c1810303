using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The services' API reference (Scalar, in development): its "try it" signs a person in through the identity service
/// with the code flow and PKCE, as an app the organization registered with the reference page as its redirect, and
/// redeems the code from the page's own origin.
/// </summary>
public sealed class ApiReferenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_API_reference_signs_in_through_the_identity_service_and_gets_a_token_that_calls_the_API()
    {
        await using var owner = await WebSession.SignUpAsync(browser);
        var admin = await owner.AccessTokenAsync("openid org:admin projects:read");
        var reference = new Uri(browser.App.GetEndpoint("projects", "http"), "/scalar/v1");
        var app = await owner.ApiAsync(HttpMethod.Post, "/api/identity/organization/apps", admin,
            new { name = "API reference", redirectUris = new[] { reference.ToString() } });
        var clientId = app.GetProperty("clientId").GetString()!;

        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(reference.ToString());
        // Scalar's client id field is an editable element that shows "12345" until filled.
        await page.Locator("[data-placeholder='12345']").ClickAsync();
        await page.Keyboard.TypeAsync(clientId);
        await page.GetByText("Select All").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotFolder, "api-reference.png") });

        // Sign in and allow in the identity service's window; the page then redeems the code itself.
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync());
        await popup.GetByLabel("Email").FillAsync(owner.Email);
        await popup.GetByLabel("Password").FillAsync(SignInFlow.TestPassword);
        var redeemed = await page.RunAndWaitForResponseAsync(async () =>
        {
            await popup.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await popup.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        }, response => response.Url.EndsWith("/connect/token", StringComparison.Ordinal));

        Assert.Equal(200, redeemed.Status);
        var token = JsonSerializer.Deserialize<JsonElement>(await redeemed.TextAsync()).GetProperty("access_token").GetString();
        using var api = browser.App.CreateHttpClient("gateway", "http");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var projects = await api.GetAsync("/api/projects/projects", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, projects.StatusCode);
        await context.CloseAsync();
    }
}
