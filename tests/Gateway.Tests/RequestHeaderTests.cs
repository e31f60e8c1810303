using System.Net;
using System.Text;

namespace Platform.Gateway.Tests;

public sealed class RequestHeaderTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_header_value_outside_ascii_is_a_400_naming_the_header_not_a_502()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        // A client that sends UTF-8 header bytes, as a hand-written or misbehaving one does.
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/hello");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "ключ-1");

        using var response = await client.SendAsync(request, cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(cancellation), StringComparison.Ordinal);
    }
}
