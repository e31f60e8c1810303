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

    private async Task<string> RegisterAppAsync()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        using var registered = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/apps", owner,
            new { name = "Roadmap sync", redirectUris = new[] { AppRedirect } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("clientId").GetString()!;
    }
}
