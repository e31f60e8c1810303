namespace Microsoft.Extensions.Hosting;

public static class GatewayExtensions
{
    /// <summary>
    /// YARP reads its routes from configuration: the AppHost writes one route per service
    /// (<c>/api/{service}/...</c> to <c>http://{service}</c>), and service discovery resolves the address.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
