using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Platform.Identity.AccessTokens;
using Platform.Identity.Invitations;
using Platform.Identity.Apps;
using Platform.Identity.Connect;
using Platform.Identity.Data;
using Platform.Identity.Machines;
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

    private const string PeoplePolicy = "people";
    private const string AccountPolicy = PlatformScopes.Account;
    private const string AdministrationPolicy = "administration";
    private const string MemberListPolicy = "member-list";
    private const string LeavingPolicy = "leaving";

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
        builder.Services.AddScoped<MemberInvitations>();
        // API calls carry bearer tokens (the default scheme); the sign-in cookie is named wherever it is used.
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthentication().AddIdentityCookies();
        // Endpoints about a person (their tokens, organizations, members) are not for machine clients.
        // Administration and a person's own account each need their scope, which no project or document scope implies.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PeoplePolicy, policy => Person(policy))
            .AddPolicy(AccountPolicy, policy => Person(policy).RequireScope(PlatformScopes.Account))
            .AddPolicy(AdministrationPolicy, policy => Person(policy).RequireScope(PlatformScopes.OrganizationAdmin))
            .AddPolicy(MemberListPolicy, policy => Person(policy).RequireAnyScope(PlatformScopes.OrganizationAdmin, PlatformScopes.ProjectsRead))
            .AddPolicy(LeavingPolicy, policy => Person(policy).RequireAnyScope(PlatformScopes.OrganizationAdmin, PlatformScopes.Account));
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.Cookie.Name = "platform.identity";
            options.ExpireTimeSpan = TimeSpan.FromHours(24);
        });
        builder.Services.AddRazorPages();
        builder.AddPlatformOpenApi();

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
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                // PKCE with S256 only: a "plain" challenge is the verifier itself, so whoever sees the request can redeem the code.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                options.RegisterScopes(ScopeGrants.All);
                // Short, so a role change or removal reaches the services soon (Identity:AccessTokenLifetime; tests shorten it).
                options.SetAccessTokenLifetime(builder.Configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(15)));
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

    private static AuthorizationPolicyBuilder Person(AuthorizationPolicyBuilder policy) => policy
        .RequireAuthenticatedUser()
        .RequireClaim(PlatformClaimTypes.Organization)
        .RequireAssertion(context => Guid.TryParse(context.User.FindFirst(PlatformClaimTypes.Subject)?.Value, out _));

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapPlatformOpenApi();
        // The OAuth endpoints are described by the discovery document (/.well-known/openid-configuration), not here.
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.Handle);
        connect.MapPost("/token", TokenEndpoint.Handle);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.Handle);
        app.MapPost("/signup", SignupEndpoint.Handle);
        app.MapGet("/me", MeEndpoint.Handle).RequireAuthorization(PeoplePolicy);
        var tokens = app.MapGroup("/me/tokens").RequireAuthorization(AccountPolicy);
        tokens.MapPost("", AccessTokenEndpoints.Create);
        tokens.MapGet("", AccessTokenEndpoints.List);
        tokens.MapDelete("/{id:guid}", AccessTokenEndpoints.Revoke);
        app.MapPost("/tokens/verify", VerifyEndpoint.Handle);

        app.MapPost("/organizations", OrganizationEndpoints.Create).RequireAuthorization(AccountPolicy);
        app.MapGet("/organizations/{id:guid}", OrganizationEndpoints.Get).RequireAuthorization();
        var members = app.MapGroup("/organization/members");
        members.MapGet("", OrganizationEndpoints.ListMembers).RequireAuthorization(MemberListPolicy);
        members.MapPatch("/{userId:guid}", OrganizationEndpoints.ChangeRole).RequireAuthorization(AdministrationPolicy);
        members.MapDelete("/{userId:guid}", OrganizationEndpoints.RemoveMember).RequireAuthorization(LeavingPolicy);
        // People join by invitation only, so neither an inviter nor anyone else learns whether an address has an account.
        var invitations = app.MapGroup("/organization/invitations").RequireAuthorization(AdministrationPolicy);
        invitations.MapPost("", InvitationEndpoints.Invite);
        invitations.MapGet("", InvitationEndpoints.List);
        invitations.MapDelete("/{id:guid}", InvitationEndpoints.Revoke);
        var received = app.MapGroup("/me/invitations").RequireAuthorization(AccountPolicy);
        received.MapGet("", InvitationEndpoints.Received);
        received.MapPost("/{id:guid}/accept", InvitationEndpoints.Accept);
        var apps = app.MapGroup("/organization/apps").RequireAuthorization(AdministrationPolicy);
        apps.MapGet("", AppEndpoints.List);
        apps.MapPost("", AppEndpoints.Register);
        apps.MapDelete("/{clientId}", AppEndpoints.Delete);
        var machines = app.MapGroup("/organization/clients").RequireAuthorization(AdministrationPolicy);
        machines.MapGet("", MachineClientEndpoints.List);
        machines.MapPost("", MachineClientEndpoints.Create);
        machines.MapDelete("/{clientId}", MachineClientEndpoints.Delete);
        app.MapRazorPages();
        return app;
    }
}
