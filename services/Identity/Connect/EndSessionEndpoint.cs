using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Users;

namespace Platform.Identity.Connect;

/// <summary>Signs the user out of the identity service and returns them to the client's post-logout address.</summary>
public static class EndSessionEndpoint
{
    public static async Task<IResult> Handle(SignInManager<PlatformUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
