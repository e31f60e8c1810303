using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>Third-party apps: registered by an organization, used by anyone who consents.</summary>
public sealed class ConsentTests(PlatformFixture platform)
{
    private const string AppRedirect = "http://127.0.0.1/app-callback";

    [Fact]
    public async Task A_user_consents_once_to_a_third_party_app_and_is_not_asked_again()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientId = await RegisterAppAsync();
        using var flow = new SignInFlow(platform.IdentityAddress, clientId, AppRedirect);
        var (_, email) = await flow.SignUpAndSignInAsync("openid projects:read", cancellationToken);
        Assert.Equal(1, flow.ConsentPagesSeen);

        var again = await flow.SignInAsync(email, "openid projects:read", organization: null, cancellationToken);

        Assert.Equal(1, flow.ConsentPagesSeen);
        Assert.Contains("projects:read", SignInFlow.Payload(again.GetProperty("access_token").GetString()!).GetProperty("scope").GetString()!.Split(' '));
    }

    [Fact]
    public async Task Denying_consent_sends_the_user_back_with_access_denied()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clientId = await RegisterAppAsync();
        using var cli = new SignInFlow(platform.IdentityAddress);
        var (_, email) = await cli.SignUpAndSignInAsync("openid", cancellationToken);
        using var flow = new SignInFlow(platform.IdentityAddress, clientId, AppRedirect) { ConsentAnswer = "denied" };

        var (_, challenge) = SignInFlow.Pkce();
        var callback = await flow.AuthorizeAsync(email, SignInFlow.TestPassword, "openid projects:write", challenge, organization: null, cancellationToken);

        Assert.StartsWith(AppRedirect, callback, StringComparison.Ordinal);
        Assert.Equal("access_denied", SignInFlow.QueryValue(callback, "error"));
    }

    [Theory]
    [InlineData("""{"name":"x","redirectUris":["http://evil.example/cb"]}""")]
    [InlineData("""{"name":"x","redirectUris":["https://ok.example/cb#frag"]}""")]
    [InlineData("""{"name":"","redirectUris":["https://ok.example/cb"]}""")]
    public async Task An_app_with_an_unsafe_redirect_or_no_name_is_refused(string body)
    {
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        using var response = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/apps", owner,
            JsonSerializer.Deserialize<JsonElement>(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_owner_lists_the_organizations_apps_and_deleting_one_ends_what_was_issued_through_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        var clientId = await RegisterAppAsync(owner);
        using (var machine = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", owner, new { name = "CI", scopes = new[] { "projects:read" }, role = "viewer" }))
        {
            Assert.Equal(HttpStatusCode.Created, machine.StatusCode);
        }
        using var flow = new SignInFlow(platform.IdentityAddress, clientId, AppRedirect);
        var (tokens, _) = await flow.SignUpAndSignInAsync("openid offline_access projects:read", cancellationToken);
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        };

        var apps = await ListAppsAsync(owner);
        Assert.Equal([(clientId, "Roadmap sync")], apps.EnumerateArray().Select(app => (app.GetProperty("clientId").GetString(), app.GetProperty("name").GetString())));
        Assert.Equal(AppRedirect, apps[0].GetProperty("redirectUris")[0].GetString());

        // Another organization's owner cannot see or remove it; a machine client is not an app to delete here.
        var stranger = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        Assert.Equal(0, (await ListAppsAsync(stranger)).GetArrayLength());
        using (var refused = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/apps/{clientId}", stranger))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // Nor is an app a machine client to delete there.
        using (var wrongKind = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/clients/{clientId}", owner))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongKind.StatusCode);
        }
        Assert.Equal(1, (await ListAppsAsync(owner)).GetArrayLength());

        using (var deleted = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/apps/{clientId}", owner))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal(0, (await ListAppsAsync(owner)).GetArrayLength());
        // The app is gone, so what it was given is refused: its refresh token names a client that no longer exists.
        var (status, body) = await flow.TryRedeemAsync(refresh, cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        using var again = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/apps/{clientId}", owner);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<JsonElement> ListAppsAsync(string token)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, "/api/identity/organization/apps", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task<string> RegisterAppAsync(string? owner = null)
    {
        owner ??= await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        using var registered = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/apps", owner,
            new { name = "Roadmap sync", redirectUris = new[] { AppRedirect } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("clientId").GetString()!;
    }
}
