using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The pages a person sees before they are signed in: labelled, reachable, readable.</summary>
public sealed class PublicPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_sign_up_page_and_the_identity_services_sign_in_page_have_no_serious_accessibility_violations()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.WebAddress.ToString() });
        await using var _ = context;
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signup");
        await Expect(page.GetByLabel("Your name")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await page.GotoAsync("/signin");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // A wrong password: the answer is on the page, and still accessible.
        await page.GetByLabel("Email").FillAsync("nobody@example.test");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
