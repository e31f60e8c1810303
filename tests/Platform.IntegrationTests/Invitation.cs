using System.Net;

namespace Platform.IntegrationTests;

/// <summary>How a person joins an organization in a test: its administrator invites their address, and they accept.</summary>
public static class Invitation
{
    /// <param name="inviteeToken">A token of the invitee's with the <c>account</c> scope.</param>
    /// <returns>The invitation's id.</returns>
    public static async Task<string> InviteAndAcceptAsync(PlatformFixture platform, string inviterToken, string inviteeToken, string role)
    {
        var email = await EmailAsync(platform, inviteeToken);
        using var invited = await platform.SendAsync(HttpMethod.Post, "/api/identity/organization/invitations", inviterToken, new { email, role });
        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        var id = (await invited.JsonAsync()).GetProperty("id").GetString()!;
        using var accepted = await platform.SendAsync(HttpMethod.Post, $"/api/identity/me/invitations/{id}/accept", inviteeToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return id;
    }

    /// <summary>The address of the token's account.</summary>
    public static async Task<string> EmailAsync(PlatformFixture platform, string token)
    {
        using var me = await platform.SendAsync(HttpMethod.Get, "/me", token, via: "identity");
        return (await me.JsonAsync()).GetProperty("email").GetString()!;
    }
}
