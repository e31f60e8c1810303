using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>An organization's events leave for its endpoint end to end: from a change in the projects service to a signed request.</summary>
public sealed class OutboundWebhookTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_moved_task_reaches_the_subscribed_endpoint_signed_and_is_in_its_log()
    {
        using var receiver = new WebhookReceiver();
        var token = await platform.NewOwnerAccessTokenAsync("openid projects:read projects:write org:admin");
        var api = new ProjectsClient(platform, token);
        await api.CreateProjectAsync("OUT");

        using var added = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/endpoints", token,
            new { url = receiver.Address, format = "standard", eventTypes = new[] { "task.created", "task.state-changed" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var endpoint = await added.JsonAsync();
        var secret = endpoint.GetProperty("secret").GetString()!;
        var id = endpoint.GetProperty("id").GetGuid();

        await api.CreateTaskAsync("OUT", new { title = "Ship it" });
        using (var moved = await api.SendAsync(HttpMethod.Patch, "/tasks/OUT-1", new { state = "In Progress" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        // A comment is not subscribed: it does not go out.
        using (await api.SendAsync(HttpMethod.Post, "/tasks/OUT-1/comments", new { body = "Not for the endpoint" }))
        {
        }

        var requests = await receiver.WaitForAsync(2, TestContext.Current.CancellationToken);
        Assert.Equal(["task.created", "task.state-changed"], requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order());
        foreach (var request in requests)
        {
            Assert.True(Verifies(secret, request), $"signature of {request.Body}");
        }

        var state = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(m => m.GetProperty("type").GetString() == "task.state-changed");
        Assert.Equal(("OUT-1", "Todo", "In Progress"), (state.GetProperty("data").GetProperty("key").GetString(),
            state.GetProperty("data").GetProperty("fromState").GetString(), state.GetProperty("data").GetProperty("toState").GetString()));

        // The receiver has the request before the dispatcher has saved its answer: the log is read once both are recorded.
        JsonElement deliveries = default;
        await Eventually.TrueAsync(async () =>
        {
            using var log = await platform.SendAsync(HttpMethod.Get, $"/api/webhooks/endpoints/{id}/deliveries", token);
            deliveries = await log.JsonAsync();
            return deliveries.EnumerateArray().All(d => d.GetProperty("status").GetString() != "pending");
        }, async () => deliveries.ToString());
        Assert.Equal(2, deliveries.GetArrayLength());
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal(("succeeded", 200), (d.GetProperty("status").GetString(), d.GetProperty("lastStatusCode").GetInt32())));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task Endpoints_take_the_administration_scope_and_refuse_what_they_cannot_send_to()
    {
        var member = await platform.NewOwnerAccessTokenAsync("openid projects:read projects:write");
        using var refused = await platform.SendAsync(HttpMethod.Get, "/api/webhooks/endpoints", member);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = await platform.NewOwnerAccessTokenAsync("openid org:admin");
        using var invalid = await platform.SendAsync(HttpMethod.Post, "/api/webhooks/endpoints", admin,
            new { url = "ftp://example.com/", format = "fax", eventTypes = new[] { "task.exploded" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.Equal(["eventTypes", "format", "url"], errors.EnumerateObject().Select(e => e.Name).Order());
        using var missing = await platform.SendAsync(HttpMethod.Post, $"/api/webhooks/endpoints/{Guid.NewGuid()}/test", admin);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>Standard Webhooks: v1, base64 HMAC-SHA256 of id.timestamp.body under the secret's key bytes.</summary>
    private static bool Verifies(string secret, WebhookReceiver.Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return request.Headers["webhook-signature"].Split(' ').Contains(expected);
    }
}
