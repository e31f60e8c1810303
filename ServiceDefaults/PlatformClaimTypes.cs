using System.Collections.Frozen;
using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

/// <summary>Claim names in platform access tokens, written by the identity service and read by every service.</summary>
public static class PlatformClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Scope = "scope";

    /// <summary>The organization (tenant) the token acts in.</summary>
    public const string Organization = "org";

    /// <summary>The caller's role in that organization: owner, admin, member or viewer.</summary>
    public const string Role = "role";

    /// <summary>The client a token was issued to; the caller when there is no user (client credentials).</summary>
    public const string ClientId = "client_id";

    /// <summary>The claims services read; the others a token carries (issuer, audience, lifetimes, ids) are checked and dropped.</summary>
    public static readonly FrozenSet<string> Read = new[] { Subject, Name, Scope, Organization, Role, ClientId }.ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>What every service reads from the caller's token, read the same way everywhere.</summary>
public static class PlatformCaller
{
    /// <summary>
    /// Who acts, as recorded on what they change (author, creator, actor of an event): the user's id, or for a
    /// client-credentials token (no user) the machine client's id; "unknown" only for an anonymous caller, whom no route
    /// that records an actor admits.
    /// </summary>
    public static string ActorId(this ClaimsPrincipal caller) =>
        caller.FindFirst(PlatformClaimTypes.Subject)?.Value ?? caller.FindFirst(PlatformClaimTypes.ClientId)?.Value ?? "unknown";

    /// <summary>The signed-in user's id; null for a token without a user (a machine client's).</summary>
    public static Guid? UserIdOrNull(this ClaimsPrincipal caller) =>
        Guid.TryParse(caller.FindFirst(PlatformClaimTypes.Subject)?.Value, out var user) ? user : null;

    /// <summary>The organization the token acts in; null for a token without one.</summary>
    public static Guid? OrganizationIdOrNull(this ClaimsPrincipal caller) =>
        Guid.TryParse(caller.FindFirst(PlatformClaimTypes.Organization)?.Value, out var organization) ? organization : null;

    /// <summary>Whether the token's space-separated <c>scope</c> claim holds <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal caller, string scope) =>
        caller.FindAll(PlatformClaimTypes.Scope).Any(claim => claim.Value.Split(' ').Contains(scope, StringComparer.Ordinal));
}
