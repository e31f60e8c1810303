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
        var descriptor = InteractiveClient.Descriptor(Cli, "Platform CLI and MCP clients", ConsentTypes.Implicit, CliRedirectUris);
        // Kept up to date, so a database from an older release gets the scopes added since.
        if (await applications.FindByClientIdAsync(Cli, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
            return;
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
