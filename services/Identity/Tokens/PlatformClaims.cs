namespace Platform.Identity.Tokens;

/// <summary>Claims the platform adds to access tokens beside the standard ones (sub, scope, aud).</summary>
public static class PlatformClaims
{
    /// <summary>The organization (tenant) the token acts in.</summary>
    public const string Organization = "org";

    /// <summary>The caller's role in that organization: owner, admin, member or viewer.</summary>
    public const string Role = "role";
}
