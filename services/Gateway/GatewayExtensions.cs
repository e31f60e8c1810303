using Platform.Gateway.RateLimiting;
using Platform.Gateway.Security;

namespace Platform.Gateway;

internal static class GatewayExtensions
{
    /// <summary>Largest request body the gateway forwards (<c>Gateway:MaxRequestBodyBytes</c>); larger ones get 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 10 * 1024 * 1024;

    private const string WebClientCors = "web-client";

    /// <summary>
    /// YARP reads its routes from configuration: the AppHost writes one route per service
    /// (<c>/api/{service}/...</c> to <c>http://{service}</c>), and service discovery resolves the address.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddRedisRateCounter();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<RedisRateLimiter>();

        var maxBody = builder.Configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxBody);

        // Only the web client's origin may call the API from a browser (Gateway:WebOrigins).
        var origins = builder.Configuration.GetSection("Gateway:WebOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(options => options.AddPolicy(WebClientCors, policy => policy
            .WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials()
            .WithExposedHeaders("ETag", "Location", "Retry-After")));

        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UsePublicHostCheck();
        app.UseRequestHeaderCheck();
        app.UseCors(WebClientCors);
        app.UseAuthentication();
        app.UseRedisRateLimits();
        app.UseAuthorization();
        app.UseRouteBodyLimits();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(RequestBodyLimit.AnswerBodiesOverTheLimitAsync);
            // What MapReverseProxy() runs when given no pipeline.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
