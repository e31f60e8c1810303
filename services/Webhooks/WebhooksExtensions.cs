using Platform.Webhooks.Chat;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;
using Platform.Webhooks.Integrations;
using Platform.Webhooks.Outbound;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Webhooks;

internal static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooksServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WebhooksPolicies.Administer, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(WebhooksPolicies.Administer))
            .AddPolicy(WebhooksPolicies.ReadOwnChats, policy => Member(policy).RequireScope(PlatformScopes.ProjectsRead))
            .AddPolicy(WebhooksPolicies.ChangeOwnChats, policy => Member(policy).RequireScope(PlatformScopes.ProjectsWrite));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformOpenApi();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = InboundEndpoints.MaxBodyBytes);
        builder.AddWebhooksData();
        builder.Services.AddSingleton<WebhooksMetrics>();
        builder.Services.AddSingleton<AddressDirectory>();
        builder.Services.AddScoped<InboundReceiver>();
        builder.Services.AddScoped<IntegrationCatalog>();
        builder.Services.AddHostedService<InboundRetention>();

        builder.Services.Configure<OutboundOptions>(builder.Configuration.GetSection("Webhooks:Outbound"));
        builder.Services.PostConfigure<OutboundOptions>(options => options.WebAddress ??= builder.Configuration.GetValue<Uri?>("Webhooks:WebAddress"));
        builder.Services.AddSingleton<OutboundSignal>();
        builder.Services.AddSingleton<OutboundSender>();
        builder.Services.AddScoped<EndpointCatalog>();
        builder.Services.AddScoped<PersonalChats>();
        builder.Services.AddSingleton<OutboundDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboundDispatcher>());
        builder.AddEventBus<WebhooksDbContext>("webhooks")
            .Subscribe<TaskCreated, OutboundFanout>().Subscribe<TaskUpdated, OutboundFanout>().Subscribe<TaskStateChanged, OutboundFanout>()
            .Subscribe<TaskDeleted, OutboundFanout>().Subscribe<CommentAdded, OutboundFanout>().Subscribe<TaskCodeChanged, OutboundFanout>()
            .Subscribe<DependencyAdded, OutboundFanout>().Subscribe<DependencyRemoved, OutboundFanout>()
            .Subscribe<DocumentChanged, OutboundFanout>().Subscribe<RiskChanged, OutboundFanout>()
            .Subscribe<NotificationChatRequested, ChatRelay>();
        return builder;
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder Member(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) => policy
        .RequireClaim(PlatformClaimTypes.Organization)
        .RequireAssertion(context => context.User.UserIdOrNull() is not null);

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
        app.MapGroup("").WithTags("Outbound webhooks").RequireAuthorization(WebhooksPolicies.Administer).MapEndpointEndpoints();
        app.MapGroup("").WithTags("Your chats").RequireAuthorization(WebhooksPolicies.ReadOwnChats).MapChatReads();
        app.MapGroup("").WithTags("Your chats").RequireAuthorization(WebhooksPolicies.ChangeOwnChats).MapChatChanges();
        return app;
    }
}
