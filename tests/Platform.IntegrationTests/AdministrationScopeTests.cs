using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// Administering an organization takes the org:admin scope, and a person's own account the account scope: neither is
/// implied by project or document scopes, and nothing made with a token holds more than that token.
/// </summary>
public sealed class AdministrationScopeTests(PlatformFixture platform)
{
    private const string Everything = "openid projects:read projects:write docs:read docs:write org:admin account";

    [Fact]
    public async Task A_read_only_token_of_an_owner_can_neither_administer_nor_manage_the_account()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var flow = new SignInFlow(platform.IdentityAddress);
        var (tokens, _) = await flow.SignUpAndSignInAsync(Everything, cancellationToken);
        var owner = tokens.GetProperty("access_token").GetString()!;
        var readOnlySession = (await flow.SignInAsync(await EmailAsync(owner), "openid projects:read", null, cancellationToken)).GetProperty("access_token").GetString()!;
        var readOnlyToken = await PersonalAccessTokenAsync(owner, "projects:read");
        var member = await platform.NewOwnerAccessTokenAsync(Everything);
        var memberId = SignInFlow.Payload(member).GetProperty("sub").GetString();
        var invitation = await Invitation.InviteAndAcceptAsync(platform, owner, member, "member");

        foreach (var token in new[] { readOnlySession, readOnlyToken })
        {
            (HttpMethod Method, string Path, object? Body)[] attempts =
            [
                (HttpMethod.Post, "/api/identity/organization/clients", new { name = "x", scopes = new[] { "projects:read" }, role = "admin" }),
                (HttpMethod.Get, "/api/identity/organization/clients", null),
                (HttpMethod.Post, "/api/identity/organization/invitations", new { email = "someone@example.test", role = "owner" }),
                (HttpMethod.Get, "/api/identity/organization/invitations", null),
                (HttpMethod.Delete, $"/api/identity/organization/invitations/{invitation}", null),
                (HttpMethod.Get, "/api/identity/me/invitations", null),
                (HttpMethod.Patch, $"/api/identity/organization/members/{memberId}", new { role = "owner" }),
                (HttpMethod.Delete, $"/api/identity/organization/members/{memberId}", null),
                (HttpMethod.Post, "/api/identity/organization/apps", new { name = "x", redirectUris = new[] { "https://app.example.test/cb" } }),
                (HttpMethod.Post, "/api/identity/organizations", new { name = "Elsewhere" }),
                (HttpMethod.Post, "/api/identity/me/tokens", new { name = "x", scopes = new[] { "projects:read" }, expiresInDays = 1 }),
            ];
            foreach (var (method, path, body) in attempts)
            {
                using var response = await platform.SendAsync(method, path, token, body);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }

        // The member's listing still shows them with their role: nothing above changed anything.
        using var members = await platform.SendAsync(HttpMethod.Get, "/api/identity/organization/members", owner);
        Assert.Equal(2, (await members.JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Only_owners_and_admins_receive_the_administration_scope()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        using var flow = new SignInFlow(platform.IdentityAddress);
        var (memberTokens, memberEmail) = await flow.SignUpAndSignInAsync("openid account", cancellationToken);
        await Invitation.InviteAndAcceptAsync(platform, owner, memberTokens.GetProperty("access_token").GetString()!, "member");

        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString();
        var asMember = await flow.SignInAsync(memberEmail, Everything, organization, cancellationToken);

        var scopes = SignInFlow.Payload(owner).GetProperty("scope").GetString()!.Split(' ');
        var memberScopes = SignInFlow.Payload(asMember.GetProperty("access_token").GetString()!).GetProperty("scope").GetString()!.Split(' ');
        Assert.Contains("org:admin", scopes);
        Assert.DoesNotContain("org:admin", memberScopes);
        Assert.Contains("account", memberScopes);
    }

    [Fact]
    public async Task A_client_or_token_never_gets_a_scope_its_maker_lacks()
    {
        var narrowAdmin = await platform.NewOwnerAccessTokenAsync("openid projects:read org:admin account");

        using var client = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", narrowAdmin,
            new { name = "x", scopes = new[] { "projects:read", "projects:write" }, role = "member" });
        using var token = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", narrowAdmin,
            new { name = "x", scopes = new[] { "projects:read", "docs:write" }, expiresInDays = 1 });
        using var adminClient = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", narrowAdmin,
            new { name = "x", scopes = new[] { "org:admin" }, role = "admin" });

        foreach (var (response, lacking) in new[] { (client, "projects:write"), (token, "docs:write"), (adminClient, "org:admin") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(lacking, (await response.JsonAsync()).GetProperty("errors").GetProperty("scopes")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_machine_client_belongs_to_the_organization_and_outlives_the_token_that_made_it()
    {
        var session = await platform.NewOwnerAccessTokenAsync(Everything);
        var ownerId = SignInFlow.Payload(session).GetProperty("sub").GetString();
        var (adminToken, adminTokenId) = await PersonalAccessTokenWithIdAsync(session, "projects:read", "org:admin");

        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/clients", adminToken,
            new { name = "nightly", scopes = new[] { "projects:read" }, role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var machine = await created.JsonAsync();
        using (var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{adminTokenId}", session))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var machineToken = await MachineClientTests.ClientCredentialsAsync(platform,
            machine.GetProperty("clientId").GetString()!, machine.GetProperty("clientSecret").GetString()!, "projects:read");
        Assert.Equal(HttpStatusCode.OK, machineToken.Status);
        using var listed = await platform.SendAsync(HttpMethod.Get, "/api/identity/organization/clients", session);
        var entry = Assert.Single((await listed.JsonAsync()).EnumerateArray());
        Assert.Equal(machine.GetProperty("clientId").GetString(), entry.GetProperty("clientId").GetString());
        Assert.Equal(ownerId, entry.GetProperty("createdBy").GetString());
        Assert.Equal(["projects:read"], entry.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.False(entry.TryGetProperty("clientSecret", out _));
    }

    private Task<string> EmailAsync(string token) => Invitation.EmailAsync(platform, token);

    private async Task<string> PersonalAccessTokenAsync(string session, params string[] scopes) =>
        (await PersonalAccessTokenWithIdAsync(session, scopes)).Token;

    private async Task<(string Token, string Id)> PersonalAccessTokenWithIdAsync(string session, params string[] scopes)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session, new { name = "t", scopes, expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        return (body.GetProperty("token").GetString()!, body.GetProperty("details").GetProperty("id").GetString()!);
    }
}
