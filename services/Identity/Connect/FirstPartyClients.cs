using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// Clients the platform ships with, registered in every environment: the CLI and MCP clients sign in
/// with the code flow and PKCE to a loopback address (RFC 8252), holding no secret; the web app, where the AppHost
/// names its address and secret (<c>Identity:WebClient:BaseAddress</c>, <c>Identity:WebClient:Secret</c>), signs in
/// as a confidential client; so does the AI service (<c>Identity:AiClient:Secret</c>), for token exchange only.
/// </summary>
public static class FirstPartyClients
{
    public const string Cli = "platform-cli";
    public const string Web = "platform-web";

    /// <summary>The AI service, which exchanges callers' tokens for narrower ones for its tools (<see cref="TokenExchange"/>).</summary>
    public const string Ai = PlatformScopes.AiClient;

    public static readonly Uri[] CliRedirectUris = [new("http://127.0.0.1/callback"), new("http://localhost/callback")];

    public static async Task RegisterAsync(IOpenIddictApplicationManager applications, IConfiguration configuration, CancellationToken cancellationToken)
    {
        await CreateOrUpdateAsync(applications, InteractiveClient.Descriptor(Cli, "Platform CLI and MCP clients", ConsentTypes.Implicit, CliRedirectUris), cancellationToken);
        if (configuration["Identity:WebClient:BaseAddress"] is { Length: > 0 } webAddress && configuration["Identity:WebClient:Secret"] is { Length: > 0 } secret)
        {
            var web = new Uri(webAddress.TrimEnd('/') + "/");
            await CreateOrUpdateAsync(applications, InteractiveClient.Descriptor(Web, "Platform", ConsentTypes.Implicit,
                [new Uri(web, "signin-oidc")], secret, [new Uri(web, "signout-callback-oidc")]), cancellationToken);
        }
        if (configuration["Identity:AiClient:Secret"] is { Length: > 0 } aiSecret)
        {
            await CreateOrUpdateAsync(applications, AiService(aiSecret), cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor AiService(string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = Ai,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Platform AI service",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.TokenExchange },
        };
        foreach (var scope in PlatformScopes.All)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        return descriptor;
    }

    /// <summary>Kept up to date, so a database from an older release gets the scopes (and addresses) of this one.</summary>
    private static async Task CreateOrUpdateAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
            return;
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
