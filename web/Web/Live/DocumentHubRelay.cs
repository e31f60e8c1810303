using System.Net.Http.Headers;
using Platform.Collaboration.Ot;
using Platform.Web.SignIn;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Web.Live;

/// <summary>
/// The live editor's way to the collaboration hub: the WebAssembly island connects to this web app with its sign-in
/// cookie, and the connection is passed on to the gateway with the person's access token, so the browser never holds
/// one. Only pages of this site may open it (the cookie would otherwise let another site's script edit as the person).
/// </summary>
internal static class DocumentHubRelay
{
    public const string Path = "/live/documents";

    private static readonly string GatewayHubPath = "/api/collaboration" + DocumentHubContract.Path;

    public static IServiceCollection AddDocumentHubRelay(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        // "http://gateway" is resolved by service discovery, as the API client's is.
        services.AddServiceDiscoveryForwarderFactory();
        return services;
    }

    public static WebApplication MapDocumentHubRelay(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), relay => relay.Use(async (context, next) =>
        {
            if (!FromThisSite(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        }));
        app.MapForwarder(Path, WebExtensions.GatewayAddress.ToString(), transforms =>
            {
                transforms.AddPathSet(GatewayHubPath);
                transforms.AddRequestHeaderRemove("Cookie");
                transforms.AddRequestTransform(async transform =>
                {
                    var tokens = transform.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
                    // A session whose tokens are gone goes on without one, and the hub answers 401.
                    if (await tokens.AccessTokenAsync(transform.HttpContext.User, transform.HttpContext.RequestAborted) is { } token)
                    {
                        transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                });
            })
            .RequireAuthorization()
            .WithName("DocumentHubRelay");
        return app;
    }

    /// <summary>Browsers name the page's origin on a WebSocket; one from another site is refused (cross-site WebSocket hijacking).</summary>
    private static bool FromThisSite(HttpRequest request) =>
        request.Headers.Origin.Count == 0 ||
        (Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin) &&
         string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
}
