using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>People join an organization by accepting an invitation to their address; no answer tells whether an address has an account.</summary>
public sealed class InvitationTests(PlatformFixture platform)
{
    private const string Everything = "openid projects:read projects:write docs:read docs:write org:admin account";

    [Fact]
    public async Task Inviting_answers_alike_whether_or_not_the_address_has_an_account_and_adds_nobody()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        var someone = await platform.NewOwnerAccessTokenAsync(Everything);

        using var known = await InviteAsync(owner, await EmailAsync(someone), "member");
        using var unknown = await InviteAsync(owner, $"nobody-{Guid.NewGuid():N}@example.test", "member");

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(Names(await unknown.JsonAsync()), Names(await known.JsonAsync()));
        using var pending = await platform.SendAsync(HttpMethod.Get, "/api/identity/organization/invitations", owner);
        Assert.Equal(2, (await pending.JsonAsync()).GetArrayLength());
        using var members = await platform.SendAsync(HttpMethod.Get, "/api/identity/organization/members", owner);
        Assert.Equal(1, (await members.JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task The_invited_account_sees_the_invitation_and_joins_with_its_role_by_accepting()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        using var flow = new SignInFlow(platform.IdentityAddress);
        var (tokens, email) = await flow.SignUpAndSignInAsync(Everything, cancellationToken);
        var invitee = tokens.GetProperty("access_token").GetString()!;
        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString()!;
        using (var invited = await InviteAsync(owner, email.ToUpperInvariant(), "viewer"))
        {
            Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        }

        using var received = await platform.SendAsync(HttpMethod.Get, "/api/identity/me/invitations", invitee);
        var invitation = Assert.Single((await received.JsonAsync()).EnumerateArray());
        Assert.Equal(organization, invitation.GetProperty("organizationId").GetString());
        Assert.Equal("viewer", invitation.GetProperty("role").GetString());
        using var accepted = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{invitation.GetProperty("id").GetString()}/accept", invitee);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var switched = await flow.SignInAsync(email, Everything, organization, cancellationToken);
        var claims = SignInFlow.Payload(switched.GetProperty("access_token").GetString()!);
        Assert.Equal(organization, claims.GetProperty("org").GetString());
        Assert.Equal("viewer", claims.GetProperty("role").GetString());
        using var usedUp = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{invitation.GetProperty("id").GetString()}/accept", invitee);
        Assert.Equal(HttpStatusCode.NotFound, usedUp.StatusCode);
    }

    [Fact]
    public async Task Another_accounts_invitation_answers_404_like_one_that_does_not_exist()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        var invitee = await platform.NewOwnerAccessTokenAsync(Everything);
        var stranger = await platform.NewOwnerAccessTokenAsync(Everything);
        using var invited = await InviteAsync(owner, await EmailAsync(invitee), "member");
        var id = (await invited.JsonAsync()).GetProperty("id").GetString();

        using var notTheirs = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{id}/accept", stranger);
        using var missing = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{Guid.NewGuid()}/accept", stranger);
        using var strangersList = await platform.SendAsync(HttpMethod.Get, "/api/identity/me/invitations", stranger);

        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, (await strangersList.JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_revoked_invitation_cannot_be_accepted_and_a_second_one_to_the_same_address_is_a_conflict()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        var invitee = await platform.NewOwnerAccessTokenAsync(Everything);
        var email = await EmailAsync(invitee);
        using var invited = await InviteAsync(owner, email, "member");
        var id = (await invited.JsonAsync()).GetProperty("id").GetString();

        using var twice = await InviteAsync(owner, email, "admin");
        using var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/organization/invitations/{id}", owner);
        using var accepted = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{id}/accept", invitee);
        using var ownAddress = await InviteAsync(owner, await EmailAsync(owner), "member");

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ownAddress.StatusCode);
    }

    private Task<HttpResponseMessage> InviteAsync(string token, string email, string role) =>
        platform.SendAsync(HttpMethod.Post, "/api/identity/organization/invitations", token, new { email, role });

    private Task<string> EmailAsync(string token) => Invitation.EmailAsync(platform, token);

    private static string[] Names(JsonElement body) => [.. body.EnumerateObject().Select(property => property.Name)];
}
