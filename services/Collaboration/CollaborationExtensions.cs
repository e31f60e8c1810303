using Microsoft.AspNetCore.SignalR;
using Platform.Collaboration.Documents;
using Platform.Collaboration.Editing;
using Platform.Collaboration.Http;
using Platform.Collaboration.Ot;
using Platform.Collaboration.Presence;
using Platform.Data;

namespace Platform.Collaboration;

internal static class CollaborationExtensions
{
    /// <summary>Room for the largest insert one operation may carry (see <see cref="CollaborationOptions.MaxInsertCodePoints"/>), as JSON.</summary>
    private const long MaxHubMessageBytes = 8 * 1024 * 1024;

    public static IHostApplicationBuilder AddCollaborationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CollaborationPolicies.Read, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(CollaborationPolicies.Read))
            .AddPolicy(CollaborationPolicies.Write, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(CollaborationPolicies.Write));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformOpenApi();
        builder.Services.AddOptions<CollaborationOptions>().BindConfiguration(CollaborationOptions.Section);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxHubMessageBytes);

        builder.AddCollaborationData();
        builder.AddEventBus<Platform.Collaboration.Data.CollaborationDbContext>("collaboration");
        builder.Services.AddHttpClient<ProjectDirectory>(http => http.BaseAddress = new Uri("http://projects"));
        builder.Services.AddScoped<DocumentCatalog>();
        builder.Services.AddSingleton<LiveDocuments>();
        builder.Services.AddSingleton<PresenceStore>();
        builder.Services.AddSingleton<CollaborationMetrics>();
        builder.Services.AddScoped<OperationCommitter>();
        builder.Services.AddSingleton<GroupCommit>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GroupCommit>());
        builder.Services.AddHostedService<DocumentChangedPublisher>();

        // The Redis backplane lets any instance serve any client: a commit on one reaches editors connected to the others.
        builder.Services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = MaxHubMessageBytes;
                // First: a connection whose credentials ended is refused before anything else runs.
                hub.AddFilter<LiveCredentialsHubFilter>();
                hub.AddFilter<TenantHubFilter>();
            })
            .AddStackExchangeRedis(builder.Configuration.GetConnectionString(Extensions.RedisConnectionName) ?? "",
                redis =>
                {
                    redis.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("collaboration");
                    Extensions.TrustRedisIssuer(redis.Configuration, builder.Configuration);
                });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(CollaborationMetrics.MeterName))
            .WithTracing(tracing => tracing.AddSource(GroupCommit.ActivitySourceName));
        return builder;
    }

    public static WebApplication MapCollaborationApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.ForgetHubCredentials();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapDocumentEndpoints();
        // Stateful reconnect: a client that drops for a moment gets the messages it missed, and its own are not lost.
        app.MapHub<DocumentHub>(DocumentHubContract.Path, hub => hub.AllowStatefulReconnects = true).RequireAuthorization(CollaborationPolicies.Read);
        return app;
    }
}
