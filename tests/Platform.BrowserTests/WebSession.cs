using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.BrowserTests;

/// <summary>A person in a browser context of their own: signs up through the web app, signs in on the identity service's page.</summary>
internal sealed class WebSession(BrowserFixture browser, IBrowserContext context, IPage page, string email) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public string Email { get; } = email;

    public static async Task<WebSession> SignUpAsync(BrowserFixture browser, string name = "Ada Lovelace", string organization = "Analytical Engines")
    {
        var session = await OpenAsync(browser, $"web-{Guid.NewGuid():N}@example.test");
        var page = session.Page;
        await page.GotoAsync("/signup");
        await session.ScreenshotAsync("signup");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(session.Email);
        await page.GetByLabel("Password").FillAsync(SignInFlow.TestPassword);
        await page.GetByLabel("Organization").FillAsync(organization);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();
        await session.SignInOnTheIdentityPageAsync(screenshot: true);
        return session;
    }

    /// <summary>The same person in another browser (their second device).</summary>
    public async Task<WebSession> SignInElsewhereAsync()
    {
        var other = await OpenAsync(browser, Email);
        await other.Page.GotoAsync("/signin");
        await other.SignInOnTheIdentityPageAsync(screenshot: false);
        return other;
    }

    /// <summary>An access token of this person, as an API client (a script, an AI assistant) would hold.</summary>
    public async Task<string> AccessTokenAsync(string scopes = "openid projects:read projects:write")
    {
        using var flow = new SignInFlow(browser.App.GetEndpoint("identity", "http"));
        var tokens = await flow.SignInAsync(Email, scopes, organization: null, TestContext.Current.CancellationToken);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>A call through the gateway with <paramref name="token"/>; the answer's JSON.</summary>
    public async Task<JsonElement> ApiAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var http = browser.App.CreateHttpClient("gateway", "http");
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>A project's board, once it is connected (before that, a drag or a change from elsewhere is not seen).</summary>
    public async Task OpenBoardAsync(string projectKey)
    {
        await Page.GotoAsync($"/projects/{projectKey}");
        await Microsoft.Playwright.Assertions.Expect(Page.GetByLabel("New task title")).ToBeEnabledAsync();
    }

    public async Task ScreenshotAsync(string name)
    {
        var options = new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, $"{name}.png"), FullPage = true };
        try
        {
            await Page.ScreenshotAsync(options);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            // Chromium sometimes cannot capture while it repaints a busy page; a moment later it can.
            await Task.Delay(500);
            await Page.ScreenshotAsync(options);
        }
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    private static async Task<WebSession> OpenAsync(BrowserFixture browser, string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.WebAddress.ToString() });
        return new WebSession(browser, context, await context.NewPageAsync(), email);
    }

    /// <summary>
    /// Signing in runs the whole OpenID Connect round trip (and a password hash) while other tests' graphs share the two
    /// cores: its page loads get more time than a page's default 30 s.
    /// </summary>
    private static readonly PageWaitForURLOptions SignInNavigation = new() { Timeout = 90_000 };

    private async Task SignInOnTheIdentityPageAsync(bool screenshot)
    {
        await Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), SignInNavigation);
        if (screenshot)
        {
            await ScreenshotAsync("identity-login");
        }
        await Page.GetByLabel("Email").FillAsync(Email);
        await Page.GetByLabel("Password").FillAsync(SignInFlow.TestPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/projects", StringComparison.Ordinal), SignInNavigation);
    }
}
