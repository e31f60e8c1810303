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
using Platform.EventBus.Outbox;

namespace Platform.Identity;

internal static class IdentityExtensions
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
        // Memberships and new tokens are announced through the outbox (the notifications service keeps its directory of
        // people from them and sends the security notices).
        builder.Services.AddSingleton<MembershipAnnouncements>();
        builder.AddEventBus<IdentityDataContext>("identity");
        builder.Services.ConfigureDbContext<IdentityDataContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<MembershipAnnouncements>(), services.GetRequiredService<OutboxSignal>()));

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
        builder.Services.AddScoped<OrganizationRegistry>();
        builder.Services.AddScoped<OrganizationMembers>();
        builder.Services.AddScoped<PersonalAccessTokens>();
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
                    .AllowClientCredentialsFlow()
                    .AllowTokenExchangeFlow();
                // Personal access tokens are no tokens of this server: the token endpoint checks them itself (TokenExchange).
                options.Configure(server => server.SubjectTokenTypes.Add(TokenExchange.PersonalAccessTokenType));
                options.AddEventHandler<OpenIddictServerEvents.ProcessAuthenticationContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.Request?.SubjectTokenType == TokenExchange.PersonalAccessTokenType)
                        {
                            (context.ValidateSubjectToken, context.RejectSubjectToken) = (false, false);
                        }
                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.EvaluateValidatedTokens.Descriptor.Order + 500));
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
        builder.Services.AddCors(cors => cors.AddPolicy(BrowserClientsPolicy, policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods(HttpMethods.Get, HttpMethods.Post)));

        return builder;
    }

    private static AuthorizationPolicyBuilder Person(AuthorizationPolicyBuilder policy) => policy
        .RequireAuthenticatedUser()
        .RequireClaim(PlatformClaimTypes.Organization)
        .RequireAssertion(context => Guid.TryParse(context.User.FindFirst(PlatformClaimTypes.Subject)?.Value, out _));

    /// <summary>
    /// Clients that run in a browser on another site (Scalar's "try it", single-page apps, browser MCP clients) read the
    /// discovery document and keys and redeem their codes from their own origin. Those endpoints take no cookie (the
    /// code, its PKCE verifier or the refresh token is the proof), so any origin may call them; nothing else is opened.
    /// </summary>
    private const string BrowserClientsPolicy = "oauth-browser-clients";

    private static bool ForBrowserClients(PathString path) =>
        path.StartsWithSegments("/.well-known") || path.StartsWithSegments("/connect/token");

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.UseWhen(context => ForBrowserClients(context.Request.Path), browser => browser.UseCors(BrowserClientsPolicy));
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapEventBus();

        app.MapPlatformOpenApi();
        // The OAuth endpoints are described by the discovery document (/.well-known/openid-configuration), not here.
        var connect = app.MapGroup("/connect").ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.Handle);
        connect.MapPost("/token", TokenEndpoint.Handle);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.Handle);
        var account = app.MapGroup("").WithTags("Account");
        account.MapPost("/signup", SignupEndpoint.Handle).WithName("SignUp").WithSummary("Sign up: a new user with a new organization they own");
        account.MapGet("/me", MeEndpoint.Handle).RequireAuthorization(PeoplePolicy)
            .WithName("GetMe").WithSummary("Who the token acts for: the user, the organization, the role and the scopes");
        var tokens = app.MapGroup("/me/tokens").RequireAuthorization(AccountPolicy).WithTags("Personal access tokens");
        tokens.MapPost("", AccessTokenEndpoints.Create).WithName("CreatePersonalAccessToken").WithSummary("Create a personal access token (its secret is shown once)");
        tokens.MapGet("", AccessTokenEndpoints.List).WithName("ListPersonalAccessTokens").WithSummary("Your personal access tokens (never their secrets)");
        tokens.MapDelete("/{id:guid}", AccessTokenEndpoints.Revoke).WithName("RevokePersonalAccessToken").WithSummary("Revoke a personal access token everywhere");
        app.MapPost("/tokens/verify", VerifyEndpoint.Handle).WithTags("Personal access tokens")
            .WithName("VerifyPersonalAccessToken").WithSummary("For the platform's services: what a personal access token stands for");

        var organizations = app.MapGroup("/organizations").WithTags("Organizations");
        organizations.MapPost("", OrganizationEndpoints.Create).RequireAuthorization(AccountPolicy).WithName("CreateOrganization").WithSummary("Found another organization");
        organizations.MapGet("/{id:guid}", OrganizationEndpoints.Get).RequireAuthorization().WithName("GetOrganization").WithSummary("The organization the token acts in");
        var members = app.MapGroup("/organization/members").WithTags("Members");
        members.MapGet("", OrganizationEndpoints.ListMembers).RequireAuthorization(MemberListPolicy).WithName("ListMembers").WithSummary("The organization's members and their roles");
        members.MapPatch("/{userId:guid}", OrganizationEndpoints.ChangeRole).RequireAuthorization(AdministrationPolicy)
            .WithName("ChangeMemberRole").WithSummary("Change a member's role (owners grant any, admins up to admin)");
        members.MapDelete("/{userId:guid}", OrganizationEndpoints.RemoveMember).RequireAuthorization(LeavingPolicy)
            .WithName("RemoveMember").WithSummary("Remove a member, or leave the organization (your own id)");
        // People join by invitation only, so neither an inviter nor anyone else learns whether an address has an account.
        var invitations = app.MapGroup("/organization/invitations").RequireAuthorization(AdministrationPolicy).WithTags("Invitations");
        invitations.MapPost("", InvitationEndpoints.Invite).WithName("InviteMember").WithSummary("Invite someone by email address, with a role");
        invitations.MapGet("", InvitationEndpoints.List).WithName("ListInvitations").WithSummary("The organization's open invitations");
        invitations.MapDelete("/{id:guid}", InvitationEndpoints.Revoke).WithName("RevokeInvitation").WithSummary("Revoke an invitation");
        var received = app.MapGroup("/me/invitations").RequireAuthorization(AccountPolicy).WithTags("Invitations");
        received.MapGet("", InvitationEndpoints.Received).WithName("ListMyInvitations").WithSummary("Invitations to your email address");
        received.MapPost("/{id:guid}/accept", InvitationEndpoints.Accept).WithName("AcceptInvitation").WithSummary("Accept an invitation and join its organization");
        var apps = app.MapGroup("/organization/apps").RequireAuthorization(AdministrationPolicy).WithTags("Apps");
        apps.MapGet("", AppEndpoints.List).WithName("ListApps").WithSummary("The third-party apps registered for the organization");
        apps.MapPost("", AppEndpoints.Register).WithName("RegisterApp").WithSummary("Register a third-party app (code flow with PKCE, consent)");
        apps.MapDelete("/{clientId}", AppEndpoints.Delete).WithName("DeleteApp").WithSummary("Delete a third-party app");
        var machines = app.MapGroup("/organization/clients").RequireAuthorization(AdministrationPolicy).WithTags("Machine clients");
        machines.MapGet("", MachineClientEndpoints.List).WithName("ListMachineClients").WithSummary("The organization's machine clients");
        machines.MapPost("", MachineClientEndpoints.Create).WithName("CreateMachineClient").WithSummary("Create a machine client (client credentials; its secret is shown once)");
        machines.MapDelete("/{clientId}", MachineClientEndpoints.Delete).WithName("DeleteMachineClient").WithSummary("Delete a machine client");
        app.MapRazorPages();
        return app;
    }
}
