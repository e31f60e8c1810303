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
        var (owner, member, memberId, email) = await OwnerAndMemberAsync(cancellationToken);

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
    public async Task An_assignment_reaches_the_members_browser_by_push_and_their_slack_through_the_integrations_service()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (owner, member, memberId, _) = await OwnerAndMemberAsync(cancellationToken);
        using var pushService = new TestPushService();
        var browser = pushService.NewBrowser();
        using (var added = await platform.SendAsync(HttpMethod.Post, "/api/notifications/push/devices", member,
            new { endpoint = browser.Endpoint, keys = new { p256dh = browser.Keys.P256dh, auth = browser.Keys.Auth }, label = "Test browser" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using var slack = new WebhookReceiver();
        using (var connected = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/me/chats", member, new { format = "slack", url = slack.Address + "slack" }))
        {
            Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        }

        // The integrations service announces the chat; the notifications service offers it once it heard.
        JsonElement reach = default;
        await Eventually.TrueAsync(async () => (reach = await ReadAsync(member, "/api/notifications/reach")).GetProperty("chats").GetInt32() == 1, async () => reach.ToString());
        Assert.Equal(1, reach.GetProperty("browsers").GetInt32());

        var api = new ProjectsClient(platform, owner);
        await api.CreateProjectAsync("PUSH");
        await api.CreateTaskAsync("PUSH", new { title = "Page the on-call" });
        using (var assigned = await api.SendAsync(HttpMethod.Patch, "/tasks/PUSH-1", new { assignee = memberId }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        JsonElement item = default;
        await Eventually.TrueAsync(async () =>
        {
            var items = (await ReadAsync(member, "/api/notifications/inbox")).GetProperty("items");
            item = items.GetArrayLength() == 1 ? items[0] : default;
            return item.ValueKind == JsonValueKind.Object
                && item.GetProperty("deliveries").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "sent") >= 2;
        }, async () => item.ToString());
        var title = item.GetProperty("title").GetString()!;
        Assert.EndsWith("assigned you PUSH-1: Page the on-call", title);
        Assert.Equal(title, browser.Read(Assert.Single(pushService.To(browser))).GetProperty("title").GetString());
        var posted = JsonDocument.Parse((await slack.WaitForAsync(1, cancellationToken)).Single().Body).RootElement;
        Assert.StartsWith(title, posted.GetProperty("text").GetString());
        Assert.Equal(["chat", "email", "push"], item.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("channel").GetString()!).Order());
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

    [Fact]
    public async Task Browsers_subscribe_to_push_with_the_servers_key_and_only_at_a_known_push_service()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        var key = (await ReadAsync(owner, "/api/notifications/push/key")).GetProperty("publicKey").GetString()!;
        Assert.Equal(65, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(key).Length);

        using var browser = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var point = browser.ExportParameters(false).Q;
        var keys = new
        {
            p256dh = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode([0x04, .. point.X!, .. point.Y!]),
            auth = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(new byte[16]),
        };
        using (var internalAddress = await platform.SendAsync(HttpMethod.Post, "/api/notifications/push/devices", owner, new { endpoint = "http://169.254.169.254/latest", keys }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, internalAddress.StatusCode);
            Assert.True((await internalAddress.JsonAsync()).GetProperty("errors").TryGetProperty("endpoint", out _));
        }

        const string endpoint = "https://fcm.googleapis.com/fcm/send/integration-test";
        using (var added = await platform.SendAsync(HttpMethod.Post, "/api/notifications/push/devices", owner, new { endpoint, keys, label = "Chrome on Linux" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var device = Assert.Single((await ReadAsync(owner, "/api/notifications/push/devices")).EnumerateArray());
        Assert.Equal(("Chrome on Linux", endpoint), (device.GetProperty("label").GetString(), device.GetProperty("endpoint").GetString()));
        using var removed = await platform.SendAsync(HttpMethod.Delete, $"/api/notifications/push/devices/{device.GetProperty("id").GetString()}", owner);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await ReadAsync(owner, "/api/notifications/push/devices")).GetArrayLength());
    }

    /// <summary>A new organization's owner, and a member who signed up and accepted an invitation (with their id and address).</summary>
    private async Task<(string Owner, string Member, string MemberId, string Email)> OwnerAndMemberAsync(CancellationToken cancellationToken)
    {
        var owner = await platform.NewOwnerAccessTokenAsync(Everything);
        using var flow = new SignInFlow(platform.IdentityAddress);
        var (tokens, email) = await flow.SignUpAndSignInAsync(Everything, cancellationToken);
        await Invitation.InviteAndAcceptAsync(platform, owner, tokens.GetProperty("access_token").GetString()!, "member");
        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString()!;
        var member = (await flow.SignInAsync(email, Everything, organization, cancellationToken)).GetProperty("access_token").GetString()!;
        return (owner, member, SignInFlow.Payload(member).GetProperty("sub").GetString()!, email);
    }

    private async Task<JsonElement> ReadAsync(string token, string path)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
