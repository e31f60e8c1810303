using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Zero trust: every service checks the caller's token itself (issuer, audience, lifetime, signature
/// from the identity service's JWKS), whatever the gateway already checked.
/// </summary>
public static partial class Extensions
{
    /// <summary>The identity service's address (<c>Identity:Authority</c>, set by the AppHost).</summary>
    public const string AuthorityConfigurationKey = "Identity:Authority";

    private const string PlatformScheme = "Platform";

    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var authority = builder.Configuration[AuthorityConfigurationKey]
            ?? throw new InvalidOperationException($"{AuthorityConfigurationKey} is not set; the AppHost sets it for every service that references identity.");

        // One scheme for callers: personal access tokens (plat_...) go to the identity service's verifier,
        // everything else is a JWT access token checked here against the identity service's keys.
        builder.Services.AddAuthentication(PlatformScheme)
            .AddPolicyScheme(PlatformScheme, "Access token or personal access token", options =>
                options.ForwardDefaultSelector = context =>
                    PersonalAccessTokenHandler.BearerToken(context.Request)?.StartsWith(PersonalAccessTokenClaims.SecretPrefix, StringComparison.Ordinal) == true
                        ? PersonalAccessTokenClaims.Scheme
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenClaims.Scheme, configureOptions: null)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = PlatformScopes.Audience;
                // Inside the cluster the identity service speaks plain HTTP; TLS ends at the edge.
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                // "invalid_token" is all a caller learns; why it failed stays in the service's log.
                options.IncludeErrorDetails = false;
                options.TokenValidationParameters.NameClaimType = PlatformClaimTypes.Name;
                options.TokenValidationParameters.RoleClaimType = PlatformClaimTypes.Role;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                // Nothing reads the token back from the authentication result, and a WebSocket keeps that result for its lifetime.
                options.SaveToken = false;
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = PersonalAccessTokenHandler.BearerToken(context.Request);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        // Connections that outlive the request (hubs, MCP streams) end at the token's expiry: LiveCredentials reads it here.
                        context.Properties.ExpiresUtc = context.SecurityToken.ValidTo;
                        context.Principal = PlainPrincipal(context.Principal!);
                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient<PersonalAccessTokenVerifier>(http => http.BaseAddress = new Uri(authority));
        builder.Services.AddSingleton<LiveCredentials>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveCredentials>());

        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(PlatformClaimTypes.Organization).Build());
        return builder;
    }

    /// <summary>
    /// The token's claims that the platform reads (<see cref="PlatformClaimTypes.Read"/>), without what the token
    /// handler hangs on them (the parsed token, per-claim property dictionaries): a hub connection holds its user as
    /// long as it lives, so every claim kept is memory per connection.
    /// </summary>
    private static ClaimsPrincipal PlainPrincipal(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        return new ClaimsPrincipal(new ClaimsIdentity(
            identity.Claims.Where(claim => PlatformClaimTypes.Read.Contains(claim.Type)).Select(claim => new Claim(claim.Type, claim.Value)),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    /// <summary>Requires a token whose space-separated <c>scope</c> claim includes <paramref name="scope"/>.</summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder policy, string scope) =>
        policy.RequireAnyScope(scope);

    /// <summary>Requires a token holding at least one of <paramref name="scopes"/>.</summary>
    public static AuthorizationPolicyBuilder RequireAnyScope(this AuthorizationPolicyBuilder policy, params string[] scopes) =>
        policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scopes));
}
