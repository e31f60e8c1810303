using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Web.SignIn;

/// <summary>
/// Sign-in as a backend for the browser: the OpenID Connect code flow with PKCE against the identity service, as a
/// confidential client (<see cref="ClientId"/>, its secret from <c>Web:ClientSecret</c>). The browser gets a cookie
/// naming its session; the tokens stay on the server (<see cref="SessionTokens"/>).
/// </summary>
public static class WebSignIn
{
    public const string ClientId = "platform-web";

    /// <summary>The authorization request's parameter naming the organization to act in (its slug).</summary>
    private const string OrganizationParameter = "organization";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>What the web app asks for; the identity service leaves out what the person's role may not hold (org:admin for a member).</summary>
    private static readonly string[] Scopes =
        ["openid", "profile", "email", "offline_access", .. PlatformScopes.All];

    public static IHostApplicationBuilder AddWebSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SessionTokens>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "platform.web";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = false;
                // A cookie whose tokens are gone (signed out elsewhere, refresh refused) no longer signs anyone in.
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (!await context.HttpContext.RequestServices.GetRequiredService<SessionTokens>().ExistsAsync(context.Principal!))
                    {
                        context.RejectPrincipal();
                    }
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = builder.Configuration[Extensions.AuthorityConfigurationKey];
                // TLS ends at the ingress in front of both services.
                options.RequireHttpsMetadata = false;
                options.ClientId = ClientId;
                options.ClientSecret = builder.Configuration["Web:ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back on a top-level GET, so the correlation cookies can be SameSite=Lax.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    options.Scope.Add(scope);
                }
                options.TokenValidationParameters.NameClaimType = PlatformClaimTypes.Name;
                options.TokenValidationParameters.RoleClaimType = PlatformClaimTypes.Role;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnTokenValidated = KeepTokensOnTheServerAsync;
                // Signing in to another organization of the person's: the identity service issues tokens for the one named.
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (context.Properties.Items.TryGetValue(OrganizationParameter, out var organization) && organization is { Length: > 0 })
                    {
                        context.ProtocolMessage.SetParameter(OrganizationParameter, organization);
                    }
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>The tokens go to <see cref="SessionTokens"/> under a new session id, which is all the cookie gets of them.</summary>
    private static async Task KeepTokensOnTheServerAsync(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse!;
        var session = Guid.NewGuid().ToString("N");
        var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
        await tokens.StoreAsync(session,
            tokens.FromTokenResponse(response.AccessToken, response.RefreshToken, int.TryParse(response.ExpiresIn, out var seconds) ? seconds : null),
            SessionLifetime);
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        identity.AddClaim(new Claim(SessionTokens.SessionClaim, session));
    }

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        // With ?organization=slug: the same person, acting in another of their organizations (a new session).
        app.MapGet("/signin", async (string? returnUrl, string? organization, HttpContext http, SessionTokens tokens) =>
        {
            await tokens.ForgetAsync(http.User);
            var properties = new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) };
            properties.Items[OrganizationParameter] = organization;
            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        });
        // A form post (with the antiforgery token), so no link on another site can sign a person out.
        app.MapPost("/signout", async (HttpContext http, SessionTokens tokens, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from the page",
                    detail: "The sign-out form's antiforgery token is missing or stale: sign out with the button on a page of this site.");
            }
            await tokens.ForgetAsync(http.User);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).RequireAuthorization();
        return app;
    }

    /// <summary>Only a path of this site: an absolute address would send the person elsewhere after signing in.</summary>
    private static string LocalOnly(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] || returnUrl == "/" ? returnUrl : "/projects";
}
