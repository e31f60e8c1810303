using System.Security.Claims;

namespace Platform.Projects.Http;

public static class MeAlias
{
    /// <summary>A user id from a route or query, where <c>me</c> stands for the caller.</summary>
    public static string UserIdOrMe(this ClaimsPrincipal caller, string userIdOrMe) =>
        string.Equals(userIdOrMe, "me", StringComparison.OrdinalIgnoreCase) ? caller.ActorId() : userIdOrMe;
}
