using Platform.Web.Api;
using Platform.Web.Components;
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
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
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
