using Microsoft.AspNetCore.Authorization;

namespace Platform.Files;

/// <summary>
/// Files go with the work they are attached to: reading them takes projects:read, uploading and deleting
/// projects:write; an upload is a person's (its uploader is told if it is quarantined).
/// </summary>
public static class FilesPolicies
{
    public const string Read = "files-read";
    public const string Write = "files-write";

    public static AuthorizationBuilder AddFilesPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Read, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(PlatformScopes.ProjectsRead))
        .AddPolicy(Write, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(PlatformScopes.ProjectsWrite)
            .RequireAssertion(context => context.User.UserIdOrNull() is not null));
}
