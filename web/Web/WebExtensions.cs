using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Platform.Web.Api;
using Platform.Web.Components;
using Platform.Web.Files;
using Platform.Web.Live;
using Platform.Web.SignIn;
using Radzen;
using StackExchange.Redis;

namespace Platform.Web;

internal static class WebExtensions
{
    /// <summary>Where the web app reaches the platform: the gateway, as every client does.</summary>
    public static readonly Uri GatewayAddress = new("http://gateway");

    /// <summary>The Redis key of the web app's data-protection key ring.</summary>
    public const string DataProtectionKeys = "platform:web:data-protection-keys";

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        // Run from a build (the AppHost's graph), MapStaticAssets would otherwise re-read each file on every request and
        // send it uncompressed with no-cache, for editing wwwroot live; this app serves its build as a publish would:
        // precompressed and, under fingerprinted names, cached for good.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        builder.AddGraphRedis();
        // The sign-in cookie and the sealed session tokens are protected with keys every replica shares, kept in Redis:
        // a request may reach any replica, and a restart (or a container's read-only disk) signs nobody out.
        builder.Services.AddDataProtection().SetApplicationName("platform-web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeys));
        builder.AddWebSignIn();
        builder.Services.AddHttpClient<PlatformApi>(http => http.BaseAddress = GatewayAddress);
        // Pages update live from the platform's events, whoever made the change (a person, a rule, an AI assistant).
        builder.Services.AddOptions<Platform.EventBus.EventBusOptions>().BindConfiguration(Platform.EventBus.EventBusOptions.Section);
        builder.Services.AddSingleton<LiveFeed<TaskChange>>();
        builder.Services.AddHostedService<TaskEventListener>();
        builder.Services.AddSingleton<LiveFeed<ActivityAppended>>();
        builder.Services.AddHostedService<ActivityNoticeListener>();
        builder.Services.AddSingleton<LiveFeed<InboxChanged>>();
        builder.Services.AddHostedService<InboxNoticeListener>();
        // A prerendered board hands its cards to the connected page in the message that starts the circuit (see PrerenderedState).
        builder.Services.AddDocumentHubRelay();
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Platform.Web.Prerendering.PrerenderedState.HubMessageBytes);
        builder.Services.AddSingleton(typeof(PersistentComponentStateSerializer<>), typeof(Platform.Web.Prerendering.CompressedStateSerializer<>));
        builder.Services.AddCascadingAuthenticationState();
        // Pages go out compressed (a 500-card board is ~10x smaller). Compressing a secret next to text an attacker chooses
        // leaks it (BREACH); the only secrets in a page, the antiforgery token and the circuit's markers and state, are
        // protected afresh with random bytes for every response, so there is nothing stable to guess.
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.MimeTypes = ["text/html"];
        });
        builder.Services.AddRadzenComponents();
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignInEndpoints();
        app.MapFileRoutes();
        app.MapDocumentHubRelay();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddInteractiveWebAssemblyRenderMode();
        return app;
    }
}
