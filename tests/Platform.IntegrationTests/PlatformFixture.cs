using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.IntegrationTests.PlatformFixture))]

namespace Platform.IntegrationTests;

/// <summary>
/// The whole AppHost, booted once per test run on the local infrastructure, with its data in a
/// folder of its own so a developer's data is never touched. Each test makes its own tenant.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataRoot = TestFolders.CreateReachableByPostgres("platform-integration-");

    public const int GatewayRequestsPerUserPerMinute = 40;
    public const int GatewayMaxRequestBodyBytes = 64 * 1024;
    public const int CollaborationMaxVersionsBehind = 100;
    public const int McpRequestsPerUserPerMinute = 60;
    public const int AiQuestionsPerUserPerMinute = 3;

    /// <summary>The largest file the files service takes in this graph (100 MB by default): small enough for a test to pass.</summary>
    public const int FilesMaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>A session that may make personal access tokens (the account scope).</summary>
    public const string AccountScopes = "openid projects:read projects:write account";

    /// <summary>A session of an owner that administers the organization (the org:admin scope).</summary>
    public const string AdministratorScopes = "openid projects:read projects:write org:admin";

    /// <summary>The AI service's secret at the identity service (token exchange), known to the tests that exchange as it.</summary>
    public const string AiClientSecret = "the-integration-tests-ai-client-secret";

    /// <summary>The largest result a tool call may give (2 MB by default): small enough for a test to exceed.</summary>
    public const int ToolResultLimitBytes = 256 * 1024;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The virus scanner's signatures besides EICAR's: a sample made for this run (<see cref="TestSignatures"/>).</summary>
    public TestSignatures Signatures { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Signatures = await TestSignatures.CreateAsync(TestContext.Current.CancellationToken);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={_dataRoot}", $"--LocalInfrastructure:ClamAvSignatures={Signatures.Folder}",
            $"--Parameters:ai-client-secret={AiClientSecret}",
            .. TestBuilder.FreeServerPorts]);
        // Per-user limits low enough for a test to reach, high enough that no other test's own user meets
        // them; every anonymous call of the run comes from one address, so that limit is out of the way.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway"))
            .WithEnvironment("Gateway__RateLimits__PerUserPerMinute", GatewayRequestsPerUserPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__RateLimits__PerAnonymousAddressPerMinute", "1000000")
            .WithEnvironment("Gateway__MaxRequestBodyBytes", GatewayMaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The due-date scan runs every second, so a test sees it act without waiting a minute.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "projects"))
            .WithEnvironment("Automation__DueDateScanInterval", "00:00:01");
        // A short trimmed log, so a test can fall behind it with a few dozen operations.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "collaboration"))
            .WithEnvironment("Collaboration__MaxVersionsBehind", CollaborationMaxVersionsBehind.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Enough for any one test's MCP calls, few enough for a test to run into.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "ai"))
            .WithEnvironment("Ai__RequestsPerUserPerMinute", McpRequestsPerUserPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Ai__QuestionsPerUserPerMinute", AiQuestionsPerUserPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // Organizations' own model endpoints are the tests' model servers on loopback, which a deployment refuses.
            .WithEnvironment("Ai__AllowPrivateModelEndpoints", "true")
            .WithEnvironment("Ai__ToolResultLimitBytes", ToolResultLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Outbound webhooks reach the tests' receivers on loopback, which a deployment refuses.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "webhooks"))
            .WithEnvironment("Webhooks__Outbound__AllowPrivateAddresses", "true");
        // Web push reaches the tests' push service on loopback too.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "notifications"))
            .WithEnvironment("Notifications__Push__ServiceHosts__0", "127.0.0.1");
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "files"))
            .WithEnvironment("Files__MaxUploadBytes", FilesMaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App = await builder.BuildAsync();
        await App.StartAsync();
        await WaitUntilEverythingIsHealthyAsync();
    }

    public HttpClient CreateHttpClient(string resourceName) => App.CreateHttpClient(resourceName, "http");

    public Uri IdentityAddress => App.GetEndpoint("identity", "http");

    /// <summary>
    /// A call through the gateway, as a client with <paramref name="token"/> makes it; or straight to the service
    /// <paramref name="via"/> names, for setting up data without using up the gateway's per-user limit.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string token, object? body = null, IEnumerable<(string Name, string Value)>? headers = null, string via = "gateway")
    {
        using var gateway = CreateHttpClient(via);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await gateway.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The access token of a new owner of a new organization, signed in through the real flow.</summary>
    public async Task<string> NewOwnerAccessTokenAsync(string scope = "openid projects:read projects:write")
    {
        using var flow = new SignInFlow(IdentityAddress);
        var (tokens, _) = await flow.SignUpAndSignInAsync(scope, TestContext.Current.CancellationToken);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Every resource that runs (not parameters) reaches Running and Healthy, and every step that others
    /// wait to complete (migrations) finishes, or the run says which did not.
    /// </summary>
    public async Task WaitUntilEverythingIsHealthyAsync()
    {
        var names = RunnableResourceNames();
        var steps = RunToCompletionResourceNames();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await Task.WhenAll(names.Select(name => steps.Contains(name)
                ? App.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Finished, timeout.Token)
                : App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            var states = names.Select(name => App.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent)
                ? $"{name}: {resourceEvent.Snapshot.State?.Text} {resourceEvent.Snapshot.HealthStatus}"
                : $"{name}: unknown");
            throw new TimeoutException($"Not healthy after {StartTimeout}: {string.Join("; ", states)}");
        }
    }

    /// <summary>What the dashboard lists, less parameters (Aspire's own helpers, such as project rebuilders, are hidden).</summary>
    public IReadOnlyList<string> RunnableResourceNames() =>
    [
        .. App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Where(resource => !App.ResourceNotifications.TryGetCurrentState(resource.Name, out var resourceEvent) || !resourceEvent.Snapshot.IsHidden)
            .Select(resource => resource.Name),
    ];

    /// <summary>Resources that others <c>WaitForCompletion</c> on: they run once and exit.</summary>
    public IReadOnlySet<string> RunToCompletionResourceNames() =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .SelectMany(resource => resource.Annotations.OfType<WaitAnnotation>())
            .Where(wait => wait.WaitType == WaitType.WaitForCompletion)
            .Select(wait => wait.Resource.Name)
            .ToHashSet();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestFolders.DeleteServerData(_dataRoot);
    }
}
