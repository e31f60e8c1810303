using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>People are told what concerns them end to end: identity and projects announce, the notifications service tells.</summary>
public sealed class NotificationTests(PlatformFixture platform)
{
    private const string Everything = "openid projects:read projects:write docs:read docs:write org:admin account";

    [Fact]
    public async Task An_assignment_reaches_the_assignees_inbox_and_mail_once_and_they_can_mark_it_read()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        using var flow = new SignInFlow(platform.IdentityAddress);
        var (tokens, email) = await flow.SignUpAndSignInAsync(Everything, cancellationToken);
        await Invitation.InviteAndAcceptAsync(platform, owner, tokens.GetProperty("access_token").GetString()!, "member");
        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString()!;
        var member = (await flow.SignInAsync(email, Everything, organization, cancellationToken)).GetProperty("access_token").GetString()!;
        var memberId = SignInFlow.Payload(member).GetProperty("sub").GetString()!;

        var api = new ProjectsClient(platform, owner);
        await api.CreateProjectAsync("NOTE");
        await api.CreateTaskAsync("NOTE", new { title = "Rotate the keys" });
        using (var assigned = await api.SendAsync(HttpMethod.Patch, "/tasks/NOTE-1", new { assignee = memberId }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        JsonElement inbox = default;
        await Eventually.TrueAsync(async () => (inbox = await ReadAsync(member, "/api/notifications/inbox")).GetProperty("items").GetArrayLength() > 0,
            async () => inbox.ToString());
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal("assigned", item.GetProperty("kind").GetString());
        Assert.EndsWith("assigned you NOTE-1: Rotate the keys", item.GetProperty("title").GetString());
        Assert.Equal(1, inbox.GetProperty("unread").GetInt32());

        using var mailbox = new MailDevInbox(platform.App.GetEndpoint("maildev", "http"));
        var mail = Assert.Single(await mailbox.WaitForAsync(email, 1, cancellationToken));
        Assert.Equal(item.GetProperty("title").GetString(), mail.GetProperty("subject").GetString());

        using (var read = await platform.SendAsync(HttpMethod.Patch, $"/api/notifications/inbox/{item.GetProperty("id").GetString()}", member, new { read = true }))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal(0, (await ReadAsync(member, "/api/notifications/inbox/unread-count")).GetProperty("unread").GetInt32());
        // An assistant reads the same inbox through the MCP server, as the person.
        await using (var assistant = await platform.ConnectMcpAsync(member))
        {
            var seen = await McpCalls.CallAsync(assistant, "get_inbox", new() { ["view"] = "inbox" });
            Assert.Equal("NOTE-1", Assert.Single(seen.GetProperty("items").EnumerateArray()).GetProperty("taskKey").GetString());
            Assert.Equal(0, seen.GetProperty("unread").GetInt32());
        }
        // The owner assigned: nothing about it in theirs; another person's notification is not found from their token.
        Assert.DoesNotContain((await ReadAsync(owner, "/api/notifications/inbox")).GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "assigned");
        using var others = await platform.SendAsync(HttpMethod.Get, $"/api/notifications/inbox/{item.GetProperty("id").GetString()}", owner);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        await Task.Delay(500, cancellationToken);
        Assert.Single(await mailbox.ToAsync(email, cancellationToken));

        // One click in the mail client (RFC 8058): a POST to the mail's link, without a token, stops mail of that kind.
        Assert.Equal("List-Unsubscribe=One-Click", await mailbox.HeaderAsync(mail, "List-Unsubscribe-Post", cancellationToken));
        var link = new Uri((await mailbox.HeaderAsync(mail, "List-Unsubscribe", cancellationToken))!.Trim('<', '>'));
        using var gateway = platform.CreateHttpClient("gateway");
        using (var unsubscribed = await gateway.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        }

        Assert.Equal(["assigned"], (await ReadAsync(member, "/api/notifications/preferences")).GetProperty("emailOff").EnumerateArray().Select(k => k.GetString()));
        using var forged = await gateway.PostAsync(link.PathAndQuery[..^3] + "AAA", null, cancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task The_inbox_is_a_persons_and_the_delivery_log_needs_administration()
    {
        var reader = await platform.NewOwnerAccessTokenAsync("openid projects:read");
        using var change = await platform.SendAsync(HttpMethod.Post, "/api/notifications/inbox/read-all", reader);
        using var log = await platform.SendAsync(HttpMethod.Get, "/api/notifications/deliveries", reader);
        using var badView = await platform.SendAsync(HttpMethod.Get, "/api/notifications/inbox?view=everything", reader);

        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, log.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badView.StatusCode);
        Assert.Equal("application/problem+json", badView.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> ReadAsync(string token, string path)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
