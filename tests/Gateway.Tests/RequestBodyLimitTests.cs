using System.Net;

namespace Platform.Gateway.Tests;

/// <summary>A body larger than the route's service takes is refused by the gateway with 413, never forwarded to end as a 502.</summary>
public sealed class RequestBodyLimitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_declared_length_over_the_routes_limit_is_a_413_problem()
    {
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var client = new HttpClient { BaseAddress = gateway.Address };

        using var response = await client.PostAsync("/api/echo/upload", new ByteArrayContent(new byte[GatewayFixture.EchoRouteMaxRequestBodyBytes + 1]), TestContext.Current.CancellationToken);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_routes_limit_is_a_413_problem()
    {
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var client = new HttpClient { BaseAddress = gateway.Address };
        var content = new StreamContent(new MemoryStream(new byte[GatewayFixture.EchoRouteMaxRequestBodyBytes * 4]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/upload") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task A_body_within_the_routes_limit_is_forwarded()
    {
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var client = new HttpClient { BaseAddress = gateway.Address };

        using var response = await client.PostAsync("/api/echo/upload", new ByteArrayContent(new byte[GatewayFixture.EchoRouteMaxRequestBodyBytes]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{GatewayFixture.EchoRouteMaxRequestBodyBytes}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
