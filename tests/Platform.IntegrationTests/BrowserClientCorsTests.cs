using System.Net;
using Aspire.Hosting.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// A client running in a browser on another site (Scalar's "try it", a single-page app, a browser MCP client) reads the
/// discovery document and redeems its code from its own origin; the rest of the identity service stays closed to it.
/// </summary>
public sealed class BrowserClientCorsTests(PlatformFixture platform)
{
    private const string Origin = "http://localhost:6274";

    [Theory]
    [InlineData("/.well-known/openid-configuration", "GET")]
    [InlineData("/connect/token", "POST")]
    public async Task Another_sites_page_may_call_the_public_OAuth_endpoints(string path, string method)
    {
        using var identity = platform.CreateHttpClient("identity");
        using var preflight = Preflight(path, method);

        using var answer = await identity.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var discovery = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        discovery.Headers.Add("Origin", Origin);
        using var read = await identity.SendAsync(discovery, TestContext.Current.CancellationToken);
        Assert.Equal("*", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/me", "GET")]
    [InlineData("/me/tokens", "POST")]
    [InlineData("/connect/authorize", "POST")]
    public async Task Another_sites_page_may_not_call_the_rest(string path, string method)
    {
        using var identity = platform.CreateHttpClient("identity");
        using var preflight = Preflight(path, method);

        using var answer = await identity.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
