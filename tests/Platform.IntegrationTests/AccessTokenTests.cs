using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>Personal access tokens, made by a signed-in user and accepted like access tokens.</summary>
public sealed class AccessTokenTests(PlatformFixture platform)
{
    private static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_personal_access_token_is_shown_once_and_works_like_an_access_token_until_revoked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var session = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);

        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session,
            new { name = "ci", scopes = new[] { "projects:read" }, expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var secret = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("details").GetProperty("id").GetString();
        Assert.StartsWith("plat_", secret, StringComparison.Ordinal);

        using (var me = await platform.SendAsync(HttpMethod.Get, "/api/identity/me", secret))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal("owner", (await me.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("role").GetString());
        }

        using (var list = await platform.SendAsync(HttpMethod.Get, "/api/identity/me/tokens", session))
        {
            var listed = await list.Content.ReadAsStringAsync(cancellationToken);
            Assert.Contains(id!, listed, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        }

        using (var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{id}", session))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // Services remember an answer for at most 15 seconds; within the deadline every call is refused.
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var after = await platform.SendAsync(HttpMethod.Get, "/api/identity/me", secret);
            status = after.StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        while (status != HttpStatusCode.Unauthorized && clock.Elapsed < RevocationDeadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_personal_access_token_cannot_make_more_tokens()
    {
        var session = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);
        var secret = await CreateAsync(session);

        using var response = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", secret,
            new { name = "again", scopes = new[] { "projects:read" }, expiresInDays = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":["admin:all"],"expiresInDays":1}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["docs:write"],"expiresInDays":1}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["projects:read"],"expiresInDays":0}""", "expiresInDays")]
    [InlineData("""{"name":"","scopes":["projects:read"],"expiresInDays":1}""", "name")]
    public async Task Bad_token_requests_name_the_field(string body, string field)
    {
        var session = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);
        using var gateway = platform.CreateHttpClient("gateway");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/me/tokens")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);

        using var response = await gateway.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Another_user_cannot_revoke_my_token()
    {
        var mine = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", mine,
            new { name = "mine", scopes = new[] { "projects:read" }, expiresInDays = 1 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("details").GetProperty("id").GetString();
        var theirs = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AccountScopes);

        using var response = await platform.SendAsync(HttpMethod.Delete, $"/api/identity/me/tokens/{id}", theirs);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> CreateAsync(string session)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", session,
            new { name = "t", scopes = new[] { "projects:read" }, expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
    }
}
