using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>Organizations, members and roles, as two tenants see them through the gateway.</summary>
public sealed class TenancyTests(PlatformFixture platform)
{
    private const string AllScopes = "openid offline_access projects:read projects:write docs:read docs:write org:admin account";

    private Uri Identity => platform.IdentityAddress;

    [Fact]
    public async Task Another_organizations_id_answers_404_exactly_like_a_missing_id()
    {
        var a = await NewOwnerAsync();
        var b = await NewOwnerAsync();

        using var foreign = await platform.SendAsync(HttpMethod.Get, $"/api/identity/organizations/{b.Organization}", a.AccessToken);
        using var missing = await platform.SendAsync(HttpMethod.Get, $"/api/identity/organizations/{Guid.NewGuid()}", a.AccessToken);
        using var own = await platform.SendAsync(HttpMethod.Get, $"/api/identity/organizations/{a.Organization}", a.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Shape(await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            Shape(await foreign.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_viewer_gets_no_write_scope_even_when_the_client_asks_for_it()
    {
        var owner = await NewOwnerAsync();
        var (flow, tokens) = await JoinAsync(owner, await NewOwnerAsync(), "viewer");
        using var disposeFlow = flow;

        var claims = SignInFlow.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(owner.Organization, claims.GetProperty("org").GetString());
        Assert.Equal("viewer", claims.GetProperty("role").GetString());
        var scopes = claims.GetProperty("scope").GetString()!.Split(' ');
        Assert.Contains("projects:read", scopes);
        Assert.DoesNotContain("projects:write", scopes);
        Assert.DoesNotContain("docs:write", scopes);
    }

    [Fact]
    public async Task A_user_in_two_organizations_switches_with_a_refresh_and_cannot_switch_into_a_third()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var user = await NewOwnerAsync();
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/organizations", user.AccessToken, new { name = "Second team" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var second = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
        var stranger = await NewOwnerAsync();

        var switched = await user.Flow.RedeemAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = user.RefreshToken,
            ["organization"] = second,
        }, cancellationToken);
        var (status, error) = await user.Flow.TryRedeemAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = switched.GetProperty("refresh_token").GetString()!,
            ["organization"] = stranger.Organization,
        }, cancellationToken);

        Assert.Equal(second, SignInFlow.Payload(switched.GetProperty("access_token").GetString()!).GetProperty("org").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        var owner = await NewOwnerAsync();

        using var demoted = await platform.SendAsync(HttpMethod.Patch, $"/api/identity/organization/members/{owner.UserId}", owner.AccessToken, new { role = "member" });
        using var removed = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/members/{owner.UserId}", owner.AccessToken);

        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);
    }

    [Fact]
    public async Task A_member_cannot_invite_and_a_bad_role_is_named()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await NewOwnerAsync();
        var (flow, memberTokens) = await JoinAsync(owner, await NewOwnerAsync(), "member");
        using var disposeFlow = flow;
        var outsider = await NewOwnerAsync();
        using var forbidden = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/invitations",
            memberTokens.GetProperty("access_token").GetString()!, new { email = outsider.Email, role = "viewer" });
        using var badRole = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/invitations", owner.AccessToken, new { email = outsider.Email, role = "emperor" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.True((await badRole.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task A_removed_member_can_no_longer_refresh_into_the_organization()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await NewOwnerAsync();
        var member = await NewOwnerAsync();
        var (flow, memberTokens) = await JoinAsync(owner, member, "member");
        using var disposeFlow = flow;
        using (var removed = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/members/{member.UserId}", owner.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var (status, _) = await flow.TryRedeemAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = memberTokens.GetProperty("refresh_token").GetString()!,
        }, cancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    /// <summary>The owner invites <paramref name="member"/> with <paramref name="role"/>, who accepts and signs in to the owner's organization.</summary>
    private async Task<(SignInFlow Flow, JsonElement Tokens)> JoinAsync(Owner owner, Owner member, string role)
    {
        await Invitation.InviteAndAcceptAsync(platform, owner.AccessToken, member.AccessToken, role);

        var flow = new SignInFlow(Identity);
        return (flow, await flow.SignInAsync(member.Email, AllScopes, owner.Organization, TestContext.Current.CancellationToken));
    }

    private sealed record Owner(string Email, string UserId, string Organization, string AccessToken, string RefreshToken, SignInFlow Flow);

    private async Task<Owner> NewOwnerAsync()
    {
        var flow = new SignInFlow(Identity);
        var (tokens, email) = await flow.SignUpAndSignInAsync(AllScopes, TestContext.Current.CancellationToken);
        var claims = SignInFlow.Payload(tokens.GetProperty("access_token").GetString()!);
        return new Owner(email, claims.GetProperty("sub").GetString()!, claims.GetProperty("org").GetString()!,
            tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!, flow);
    }

    /// <summary>A body with its per-request parts (trace id, path) taken out.</summary>
    private static string Shape(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"(traceId|instance)\":\"[^\"]*\"", "");
}
