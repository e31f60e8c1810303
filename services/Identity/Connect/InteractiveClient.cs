using OpenIddict.Abstractions;
using Platform.Identity.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// A client a person signs in through in a browser: code flow with PKCE, refresh tokens, every platform scope; public (no
/// secret) unless <paramref name="secret"/> is given (a server-side client such as the web app). A third-party app gets
/// administration or account scopes only when the person consents to them by name.
/// </summary>
public static class InteractiveClient
{
    public static OpenIddictApplicationDescriptor Descriptor(
        string clientId, string displayName, string consentType, IEnumerable<Uri> redirectUris, string? secret = null, IEnumerable<Uri>? postLogoutRedirectUris = null)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ClientSecret = secret,
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
        foreach (var scope in ScopeGrants.All.Except([Scopes.OpenId, Scopes.Profile, Scopes.Email]))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in postLogoutRedirectUris ?? [])
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        return descriptor;
    }
}
