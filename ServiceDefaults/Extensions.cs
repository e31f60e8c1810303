using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Extension methods live in the namespace of the types they extend so a service needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Platform service starts with: telemetry, health, service discovery,
/// resilient HttpClients, problem details and one set of JSON options.
/// Split by topic over the partial files beside this one.
/// </summary>
public static partial class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultHttpClients();
        builder.AddDefaultErrorHandling();
        builder.AddForwardedHeaderTrust();
        return builder;
    }

    /// <summary>
    /// Maps what every service exposes whatever its environment (health and liveness, and metrics for Prometheus where
    /// a port is set for them), and honours
    /// the X-Forwarded-* headers of the proxies in front (the gateway on loopback; others are listed in
    /// <c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownNetworks</c>), prefix included, so redirects
    /// keep the gateway's path.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
