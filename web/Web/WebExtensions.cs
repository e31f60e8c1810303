using Platform.Web.Api;
using Platform.Web.Components;
using Platform.Web.Live;
using Platform.Web.SignIn;
using Radzen;

namespace Microsoft.Extensions.Hosting;

public static class WebExtensions
{
    /// <summary>Where the web app reaches the platform: the gateway, as every client does.</summary>
    public static readonly Uri GatewayAddress = new("http://gateway");

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.AddGraphRedis();
        builder.AddWebSignIn();
        builder.Services.AddHttpClient<PlatformApi>(http => http.BaseAddress = GatewayAddress);
        // Pages update live from the platform's events, whoever made the change (a person, a rule, an AI assistant).
        builder.Services.AddOptions<Platform.EventBus.EventBusOptions>().BindConfiguration(Platform.EventBus.EventBusOptions.Section);
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService<TaskEventListener>();
        // A prerendered board hands its cards to the connected page in the message that starts the circuit (see PrerenderedState).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Platform.Web.Prerendering.PrerenderedState.HubMessageBytes);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRadzenComponents();
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignInEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
