using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Gateway.RateLimiting;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.Gateway.Tests.GatewayFixture))]

namespace Platform.Gateway.Tests;

/// <summary>
/// Real Redis (the AppHost's local server) and a real backend; each test starts the gateway replicas it
/// needs on Kestrel with a route <c>/api/echo/...</c> to the backend.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private LocalServers? _servers;
    private EchoBackend? _backend;
    private string? _redis;

    public async ValueTask InitializeAsync()
    {
        _servers = await LocalServers.StartAsync([], TestContext.Current.CancellationToken);
        _redis = await _servers.ConnectionStringAsync("cache", TestContext.Current.CancellationToken);
        _backend = await EchoBackend.StartAsync();
    }

    public const int EchoRouteMaxRequestBodyBytes = 64 * 1024;

    /// <summary>A gateway replica on a free port; replicas share the fixture's Redis.</summary>
    public GatewayReplica StartGateway(int anonymousRequestsPerMinute, bool behindTrustedProxy = true)
    {
        var settings = new Dictionary<string, string?>
        {
            // As the AppHost runs it: the edge believes X-Forwarded-For only from a proxy configured in front of it.
            ["ForwardedHeaders:TrustLoopback"] = "false",
            ["ConnectionStrings:cache"] = _redis,
            ["Gateway:PublicHosts"] = "localhost;127.0.0.1",
            ["Identity:Authority"] = "http://127.0.0.1:1",
            ["Gateway:RateLimits:PerAnonymousAddressPerMinute"] = anonymousRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:Routes:echo:ClusterId"] = "echo",
            ["ReverseProxy:Routes:echo:AuthorizationPolicy"] = "anonymous",
            ["ReverseProxy:Routes:echo:Match:Path"] = "/api/echo/{**rest}",
            ["ReverseProxy:Routes:echo:Transforms:0:PathRemovePrefix"] = "/api/echo",
            // The backend's own limit, as the AppHost names each service's.
            ["ReverseProxy:Routes:echo:Metadata:MaxRequestBodyBytes"] = EchoRouteMaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:Clusters:echo:Destinations:backend:Address"] = _backend!.Address.ToString(),
        };
        if (behindTrustedProxy)
        {
            // The test's loopback client stands for the ingress in front.
            settings["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
            settings["ForwardedHeaders:KnownProxies:0"] = "::1";
        }

        var gateway = new GatewayReplica(settings);
        gateway.StartServer();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}

/// <summary>The gateway's own Program on Kestrel (RateLimitOptions only names its assembly).</summary>
public sealed class GatewayReplica : WebApplicationFactory<RateLimitOptions>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public GatewayReplica(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        // Not UseKestrel(0): that overload rewrites the server's addresses while the app may already be binding them
        // (an intermittent "Addresses cannot be modified after the server has started"); a free port comes through "urls".
        UseKestrel();
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
