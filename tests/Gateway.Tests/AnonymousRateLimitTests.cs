using System.Net;

namespace Platform.Gateway.Tests;

public sealed class AnonymousRateLimitTests(GatewayFixture fixture)
{
    private const int Limit = 5;

    [Fact]
    public async Task Anonymous_callers_are_limited_per_address_across_gateway_replicas()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var first = fixture.StartGateway(Limit);
        await using var second = fixture.StartGateway(Limit);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        // Each run counts as fresh addresses, so earlier runs against the same Redis cannot interfere.
        var caller = RandomDocumentationAddress();
        var otherCaller = RandomDocumentationAddress();

        // Windows are whole minutes: three times the limit reaches it even if a window turns over midway.
        HttpResponseMessage? refused = null;
        for (var request = 0; request < 3 * Limit && refused is null; request++)
        {
            var response = await (request % 2 == 0 ? firstClient : secondClient).SendAsync(Hello(caller), cancellation);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.NotNull(refused);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var other = await firstClient.SendAsync(Hello(otherCaller), cancellation);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_escape_the_limit_by_naming_another_address_in_x_forwarded_for()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // No proxy is configured in front: the caller is the connection's own address, whatever it claims.
        await using var edge = fixture.StartGateway(Limit, behindTrustedProxy: false);
        using var client = edge.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 3 * Limit; request++)
        {
            using var response = await client.SendAsync(Hello(RandomDocumentationAddress()), cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static HttpRequestMessage Hello(string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/hello");
        // Believed from the proxy configured in front (the test's loopback client); here it stands for distinct clients.
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static string RandomDocumentationAddress() =>
        $"2001:db8::{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";
}
