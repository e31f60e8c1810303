using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>The gateway checks tokens before routing, limits rates per user through Redis, and caps bodies.</summary>
public sealed class GatewaySecurityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_protected_path_without_a_token_is_401_with_a_bearer_challenge()
    {
        using var gateway = platform.CreateHttpClient("gateway");

        using var response = await gateway.GetAsync("/api/identity/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwib3JnIjoieSJ9.")]
    public async Task A_malformed_or_unsigned_token_is_401(string token)
    {
        using var gateway = platform.CreateHttpClient("gateway");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await gateway.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.DoesNotContain("error_description", challenge.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_whose_claims_were_altered_fails_its_signature_check()
    {
        var token = await platform.NewOwnerAccessTokenAsync("openid projects:read");
        var parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(SignInFlow.Payload(token).GetRawText())!;
        claims["org"] = JsonSerializer.SerializeToElement(Guid.NewGuid().ToString());
        var forged = $"{parts[0]}.{SignInFlow.Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{parts[2]}";

        using var response = await platform.SendAsync(HttpMethod.Get, "/api/identity/me", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_reaches_the_service_which_checks_it_again()
    {
        var token = await platform.NewOwnerAccessTokenAsync("openid projects:read");

        using var response = await platform.SendAsync(HttpMethod.Get, "/api/identity/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("owner", me.GetProperty("role").GetString());
        Assert.Equal(SignInFlow.Payload(token).GetProperty("org").GetString(), me.GetProperty("organizationId").GetString());
        Assert.Single(me.GetProperty("memberships").EnumerateArray());
    }

    [Fact]
    public async Task Too_many_requests_from_one_user_get_429_with_retry_after()
    {
        var token = await platform.NewOwnerAccessTokenAsync("openid projects:read");
        HttpResponseMessage? refused = null;
        // Counting windows are whole minutes: going on to three times the limit reaches it even if a window turns over midway.
        for (var request = 0; request < 3 * PlatformFixture.GatewayRequestsPerUserPerMinute && refused is null; request++)
        {
            var response = await platform.SendAsync(HttpMethod.Get, "/api/identity/me", token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        refused.Dispose();
    }

    [Fact]
    public async Task A_spoofed_host_or_forwarded_host_never_reaches_the_discovery_documents_addresses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var gateway = platform.CreateHttpClient("gateway");
        using var spoofedHost = new HttpRequestMessage(HttpMethod.Get, "/api/identity/.well-known/openid-configuration");
        spoofedHost.Headers.Host = "attacker.example.test";
        using var spoofedForwarded = new HttpRequestMessage(HttpMethod.Get, "/api/identity/.well-known/openid-configuration");
        spoofedForwarded.Headers.Add("X-Forwarded-Host", "attacker.example.test");
        spoofedForwarded.Headers.Add("X-Forwarded-Proto", "https");

        using var refused = await gateway.SendAsync(spoofedHost, cancellationToken);
        using var answered = await gateway.SendAsync(spoofedForwarded, cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var discovery = await answered.Content.ReadAsStringAsync(cancellationToken);
        Assert.DoesNotContain("attacker.example.test", discovery, StringComparison.Ordinal);
        Assert.Contains($"\"{gateway.BaseAddress!.GetLeftPart(UriPartial.Authority)}/api/identity/connect/token\"", discovery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_nothing_is_created()
    {
        using var gateway = platform.CreateHttpClient("gateway");
        var email = $"big-{Guid.NewGuid():N}@example.test";
        var body = JsonSerializer.Serialize(new
        {
            email,
            displayName = new string('x', PlatformFixture.GatewayMaxRequestBodyBytes),
            password = SignInFlow.TestPassword,
            organizationName = "Big",
        });

        using var response = await gateway.PostAsync("/api/identity/signup", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var again = await gateway.PostAsJsonAsync("/api/identity/signup",
            new { email, displayName = "Small", password = SignInFlow.TestPassword, organizationName = "Small" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var gateway = platform.CreateHttpClient("gateway");

        using var response = await gateway.GetAsync("/api/identity/account/login", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
