using OpenIddict.Abstractions;
using Platform.Identity.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// A client a person signs in through in a browser: public (no secret), code flow with PKCE, refresh tokens, every platform
/// scope. A third-party app gets administration or account scopes only when the person consents to them by name.
/// </summary>
public static class InteractiveClient
{
    public static OpenIddictApplicationDescriptor Descriptor(string clientId, string displayName, string consentType, IEnumerable<Uri> redirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = consentType,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in PlatformScopes.All.Except([Scopes.OpenId, Scopes.Profile, Scopes.Email]))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        return descriptor;
    }
}
