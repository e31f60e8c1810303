using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;
using Platform.Webhooks.Integrations;

namespace Platform.Webhooks;

internal static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooksServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WebhooksPolicies.Administer, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(WebhooksPolicies.Administer));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformOpenApi();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = InboundEndpoints.MaxBodyBytes);
        builder.AddWebhooksData();
        builder.Services.AddSingleton<InboundMetrics>();
        builder.Services.AddScoped<InboundReceiver>();
        builder.Services.AddScoped<IntegrationCatalog>();
        builder.Services.AddHostedService<InboundRetention>();
        builder.AddEventBus<WebhooksDbContext>("webhooks");
        return builder;
    }

    public static WebApplication MapWebhooksApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapGroup("").WithTags("Inbound").MapInboundEndpoints();
        app.MapGroup("").WithTags("Integrations").RequireAuthorization(WebhooksPolicies.Administer).MapIntegrationEndpoints();
        return app;
    }
}
