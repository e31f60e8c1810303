using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Platform.Identity.Connect;

/// <summary>An OpenID Connect error answered by the authorization or token endpoint (error and description per RFC 6749 §5.2).</summary>
public static class OpenIdRefusal
{
    public static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
