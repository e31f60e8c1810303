using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// Clients the platform ships with, registered in every environment: the CLI and MCP clients sign in
/// with the code flow and PKCE to a loopback address (RFC 8252), holding no secret.
/// </summary>
public static class FirstPartyClients
{
    public const string Cli = "platform-cli";

    public static readonly Uri[] CliRedirectUris = [new("http://127.0.0.1/callback"), new("http://localhost/callback")];

    public static async Task RegisterAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(Cli, cancellationToken) is not null)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = Cli,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Platform CLI and MCP clients",
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
        foreach (var uri in CliRedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var scope in Tokens.PlatformScopes.Api.Append(Scopes.OfflineAccess))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
