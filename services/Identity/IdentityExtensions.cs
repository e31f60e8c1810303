using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Platform.Identity.AccessTokens;
using Platform.Identity.Connect;
using Platform.Identity.Data;
using Platform.Identity.Me;
using Platform.Identity.Organizations;
using Platform.Identity.Signup;
using Platform.Identity.Tokens;
using Platform.Identity.Users;

namespace Microsoft.Extensions.Hosting;

public static class IdentityExtensions
{
    /// <summary>The public base address tokens name as their issuer (<c>Identity:Issuer</c>, set by the AppHost).</summary>
    public const string IssuerConfigurationKey = "Identity:Issuer";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddIdentityData();

        builder.Services.AddDataProtection()
            .SetApplicationName("platform-identity")
            .PersistKeysToDbContext<IdentityDataContext>();

        builder.Services.AddIdentityCore<PlatformUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<IdentityDataContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // API calls carry bearer tokens (the default scheme); the sign-in cookie is named wherever it is used.
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.Cookie.Name = "platform.identity";
            options.ExpireTimeSpan = TimeSpan.FromHours(24);
        });
        builder.Services.AddRazorPages();

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDataContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(options =>
            {
                if (builder.Configuration[IssuerConfigurationKey] is { Length: > 0 } issuer)
                {
                    options.SetIssuer(new Uri(issuer));
                }

                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                options.RegisterScopes(PlatformScopes.All);
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(15));
                // Resource servers read plain signed JWTs; keys come from the database (TokenKeyStore).
                options.DisableAccessTokenEncryption();
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends at the gateway or ingress in front of this service.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, TokenKeyStore>();

        return builder;
    }

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.Handle);
        app.MapPost("/connect/token", TokenEndpoint.Handle);
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.Handle);
        app.MapPost("/signup", SignupEndpoint.Handle);
        app.MapGet("/me", MeEndpoint.Handle).RequireAuthorization();
        var tokens = app.MapGroup("/me/tokens").RequireAuthorization();
        tokens.MapPost("", AccessTokenEndpoints.Create);
        tokens.MapGet("", AccessTokenEndpoints.List);
        tokens.MapDelete("/{id:guid}", AccessTokenEndpoints.Revoke);
        app.MapPost("/tokens/verify", VerifyEndpoint.Handle);

        var organizations = app.MapGroup("/organizations").RequireAuthorization();
        organizations.MapPost("", OrganizationEndpoints.Create);
        organizations.MapGet("/{id:guid}", OrganizationEndpoints.Get);
        var members = app.MapGroup("/organization/members").RequireAuthorization();
        members.MapGet("", OrganizationEndpoints.ListMembers);
        members.MapPost("", OrganizationEndpoints.AddMember);
        members.MapPatch("/{userId:guid}", OrganizationEndpoints.ChangeRole);
        members.MapDelete("/{userId:guid}", OrganizationEndpoints.RemoveMember);
        app.MapRazorPages();
        return app;
    }
}
