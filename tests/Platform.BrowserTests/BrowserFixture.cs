using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.BrowserTests.BrowserFixture))]

namespace Platform.BrowserTests;

/// <summary>
/// The whole AppHost, booted once per run on the local infrastructure, and Debian's Chromium driven by Playwright
/// (never a downloaded browser). Each test signs up its own organization.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long the identity service's access tokens last in these tests.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(65);

    /// <summary>How long services still accept a token past its expiry (ServiceDefaults' clock skew).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly string _dataRoot = TestFolders.CreateReachableByPostgres("platform-browser-");
    private IPlaywright? _playwright;

    public DistributedApplication App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of the pages go (kept as test artifacts, not committed).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public Uri WebAddress => App.GetEndpoint("web", "http");

    public async ValueTask InitializeAsync()
    {
        // Two cores run the whole graph and Chromium: a page's circuit can take longer than Playwright's 5 s to connect.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(10_000);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={_dataRoot}", .. TestBuilder.FreeServerPorts]);
        // A person clicking through pages makes many calls a minute; the gateway's per-user limit is not what these tests are about.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway"))
            .WithEnvironment("Gateway__RateLimits__PerUserPerMinute", "100000")
            .WithEnvironment("Gateway__RateLimits__PerAnonymousAddressPerMinute", "100000");
        // Access tokens that expire during a test, so the web app's refresh is what keeps pages working.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "identity"))
            .WithEnvironment("Identity__AccessTokenLifetime", AccessTokenLifetime.ToString());
        // Outbound webhooks reach the tests' receivers on loopback, which a deployment refuses.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "webhooks"))
            .WithEnvironment("Webhooks__Outbound__AllowPrivateAddresses", "true");
        // So are organizations' own model endpoints (the tests' model servers).
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "ai"))
            .WithEnvironment("Ai__AllowPrivateModelEndpoints", "true");
        App = await builder.BuildAsync();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var name in new[] { "identity", "projects", "collaboration", "gateway", "web" })
        {
            // Healthy: its /health answers (AppHost's ServiceHealth), so a first page does not wait for its connections.
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
        TestFolders.DeleteServerData(_dataRoot);
    }
}
