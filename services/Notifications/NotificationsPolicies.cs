using Microsoft.AspNetCore.Authorization;

namespace Platform.Notifications;

/// <summary>
/// An inbox is a person's: reading it needs projects:read, changing it projects:write, and a user (a machine client has
/// none). The organization's delivery log is administration (org:admin).
/// </summary>
public static class NotificationsPolicies
{
    public const string Read = "inbox-read";
    public const string Write = "inbox-write";
    public const string Administer = PlatformScopes.OrganizationAdmin;

    public static AuthorizationBuilder AddNotificationsPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Read, policy => Person(policy).RequireScope(PlatformScopes.ProjectsRead))
        .AddPolicy(Write, policy => Person(policy).RequireScope(PlatformScopes.ProjectsWrite))
        .AddPolicy(Administer, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(PlatformScopes.OrganizationAdmin));

    private static AuthorizationPolicyBuilder Person(AuthorizationPolicyBuilder policy) => policy
        .RequireClaim(PlatformClaimTypes.Organization)
        .RequireAssertion(context => context.User.UserIdOrNull() is not null);
}
