using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>Machines of an organization sign in with the client credentials grant.</summary>
public sealed class MachineClientTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_machine_client_gets_a_token_for_its_organization_with_its_role_and_scopes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString();
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", owner,
            new { name = "nightly build", scopes = new[] { "projects:read" }, role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

        var token = await ClientCredentialsAsync(platform, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, "projects:read");

        Assert.Equal(HttpStatusCode.OK, token.Status);
        var claims = SignInFlow.Payload(token.Body.GetProperty("access_token").GetString()!);
        Assert.Equal(organization, claims.GetProperty("org").GetString());
        Assert.Equal("viewer", claims.GetProperty("role").GetString());
        Assert.Equal("projects:read", claims.GetProperty("scope").GetString());
        using var own = await platform.SendAsync(HttpMethod.Get, $"/api/identity/organizations/{organization}", token.Body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var personal = await platform.SendAsync(HttpMethod.Get, "/api/identity/me/tokens", token.Body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, personal.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_or_an_unpermitted_scope_gets_no_token()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", owner,
            new { name = "ci", scopes = new[] { "projects:read" } });
        var client = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var clientId = client.GetProperty("clientId").GetString()!;

        var wrongSecret = await ClientCredentialsAsync(platform, clientId, "not-the-secret", "projects:read");
        var wrongScope = await ClientCredentialsAsync(platform, clientId, client.GetProperty("clientSecret").GetString()!, "projects:write");

        Assert.Equal("invalid_client", wrongSecret.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongScope.Status);
    }

    [Fact]
    public async Task Another_organization_cannot_delete_the_client_and_its_owner_can()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        var stranger = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", owner,
            new { name = "ci", scopes = new[] { "projects:read" } });
        var client = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var clientId = client.GetProperty("clientId").GetString()!;

        using var foreign = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/clients/{clientId}", stranger);
        using var own = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/clients/{clientId}", owner);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(platform, clientId, client.GetProperty("clientSecret").GetString()!, "projects:read")).Body.GetProperty("error").GetString());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ClientCredentialsAsync(PlatformFixture platform, string clientId, string secret, string scope)
    {
        using var gateway = platform.CreateHttpClient("gateway");
        using var response = await gateway.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }
}
