using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A page left open for longer than an access token lives keeps working: the web app refreshes the token on the server.</summary>
public sealed class SessionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_board_left_open_past_its_access_tokens_expiry_still_saves()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("OPEN");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Left open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "OPEN Left open" }).ClickAsync();
        await Expect(page.GetByLabel("New task title")).ToBeEnabledAsync();

        // Past the sign-in token's expiry and the services' tolerance: only a refreshed token is accepted now.
        await Task.Delay(BrowserFixture.AccessTokenLifetime + BrowserFixture.ClockSkew + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        await page.GetByLabel("New task title").FillAsync("Still here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
        await Expect(page.Locator("[data-task='OPEN-1']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_sign_in_is_protected_with_keys_every_replica_of_the_web_app_shares()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
            (await browser.App.GetConnectionStringAsync("cache", TestContext.Current.CancellationToken))!);

        // The key ring lives in Redis, not on one replica's disk (read-only in the cluster).
        Assert.True(await redis.GetDatabase().ListLengthAsync("platform:web:data-protection-keys") > 0);
    }

    [Fact]
    public async Task Signing_out_takes_the_pages_form_and_a_post_from_elsewhere_is_refused()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var page = session.Page;

        // What another site could send: the person's cookie, no antiforgery token.
        var forged = await page.Context.APIRequest.PostAsync("/signout", new() { MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign up" })).ToBeVisibleAsync();
        await page.GotoAsync("/projects");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }
}
