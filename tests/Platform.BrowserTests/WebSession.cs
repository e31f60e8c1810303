using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>A person in their own browser context: signs up through the web app and signs in on the identity service's page.</summary>
internal sealed class WebSession(BrowserFixture browser, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public const string Password = "Correct-horse-42";

    public IPage Page { get; } = page;

    public string Email { get; } = $"web-{Guid.NewGuid():N}@example.test";

    public static async Task<WebSession> SignUpAsync(BrowserFixture browser, string name = "Ada Lovelace")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.WebAddress.ToString() });
        var session = new WebSession(browser, context, await context.NewPageAsync());
        var page = session.Page;
        await page.GotoAsync("/signup");
        await session.ScreenshotAsync("signup");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(session.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Organization").FillAsync("Analytical Engines");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();
        // The identity service's sign-in page.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await session.ScreenshotAsync("identity-login");
        await page.GetByLabel("Email").FillAsync(session.Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/projects", StringComparison.Ordinal));
        return session;
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
