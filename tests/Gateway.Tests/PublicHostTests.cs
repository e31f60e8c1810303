using System.Net;

namespace Platform.Gateway.Tests;

public sealed class PublicHostTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_host_the_gateway_does_not_answer_for_is_a_400_problem_and_is_not_forwarded()
    {
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var client = new HttpClient { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/hello");
        request.Headers.Host = "attacker.example.test";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/echo/hello")]
    [InlineData("/health")]
    public async Task The_public_host_and_health_probes_by_any_host_are_answered(string path)
    {
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var client = new HttpClient { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (path == "/health")
        {
            request.Headers.Host = "10.0.0.7";
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
