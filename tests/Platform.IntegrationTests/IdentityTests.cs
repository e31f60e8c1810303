using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

using Platform.Testing;

namespace Platform.IntegrationTests;

public sealed class IdentityTests(PlatformFixture platform)
{
    private Uri Identity => platform.IdentityAddress;

    [Fact]
    public async Task The_discovery_document_names_the_identity_service_as_issuer_with_pkce_and_jwks()
    {
        using var client = platform.CreateHttpClient("identity");

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(Identity.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var jwks = await client.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString(), TestContext.Current.CancellationToken);
        Assert.Equal("RSA", jwks.GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Sign_ups_at_the_same_moment_with_the_same_organization_name_each_get_an_organization()
    {
        using var client = platform.CreateHttpClient("identity");
        var name = $"Same name {Guid.NewGuid():N}";
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/signup",
            new { email = $"same-{Guid.NewGuid():N}@example.test", displayName = "Same", password = SignInFlow.TestPassword, organizationName = name },
            TestContext.Current.CancellationToken)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        var slugs = await Task.WhenAll(answers.Select(async answer => (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("organizationSlug").GetString()));
        Assert.Equal(4, slugs.Distinct().Count());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_new_owner_signs_in_with_pkce_and_gets_a_jwt_for_their_organization_and_a_working_refresh_token()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var flow = new SignInFlow(Identity);

        var (tokens, email) = await flow.SignUpAndSignInAsync("openid profile email offline_access projects:read projects:write", cancellationToken);

        var claims = SignInFlow.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(Identity.ToString(), claims.GetProperty("iss").GetString());
        // The APIs, and the AI service, which exchanges it for narrower tokens for its tools.
        Assert.Equal(["platform", "platform-ai"], claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("owner", claims.GetProperty("role").GetString());
        Assert.True(Guid.TryParse(claims.GetProperty("org").GetString(), out _));
        Assert.Contains("projects:write", claims.GetProperty("scope").GetString()!.Split(' '));
        Assert.Equal(email, SignInFlow.Payload(tokens.GetProperty("id_token").GetString()!).GetProperty("email").GetString());

        var refreshed = await flow.RedeemAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }, cancellationToken);
        Assert.Equal(claims.GetProperty("org").GetString(), SignInFlow.Payload(refreshed.GetProperty("access_token").GetString()!).GetProperty("org").GetString());
    }

    [Fact]
    public async Task Asking_for_an_organization_the_user_is_not_in_is_denied()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var flow = new SignInFlow(Identity);
        var (_, email) = await flow.SignUpAndSignInAsync("openid", cancellationToken);

        var (_, challenge) = SignInFlow.Pkce();
        var callback = await flow.AuthorizeAsync(email, SignInFlow.TestPassword, "openid", challenge, organization: Guid.NewGuid().ToString(), cancellationToken);

        Assert.StartsWith(SignInFlow.RedirectUri, callback, StringComparison.Ordinal);
        Assert.Equal("access_denied", SignInFlow.QueryValue(callback, "error"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_and_it_answers_as_an_unknown_address_does()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var attacker = new SignInFlow(Identity);
        var login = new Uri(Identity, "/account/login");
        var email = (await SignUpAsync(cancellationToken)).Email;

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await attacker.SubmitLoginAsync(login, email, "wrong-password-1", cancellationToken);
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }

        using var locked = await attacker.SubmitLoginAsync(login, email, SignInFlow.TestPassword, cancellationToken);
        using var unknown = await attacker.SubmitLoginAsync(login, $"nobody-{Guid.NewGuid():N}@example.test", SignInFlow.TestPassword, cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var unknownError = ErrorOf(await unknown.Content.ReadAsStringAsync(cancellationToken));
        Assert.NotEmpty(unknownError);
        Assert.Equal(unknownError, ErrorOf(await locked.Content.ReadAsStringAsync(cancellationToken)));
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","displayName":"A","password":"Correct-horse-42","organizationName":"Org"}""", "email")]
    [InlineData("""{"email":"a@b.test","displayName":"A","password":"short","organizationName":"Org"}""", "password")]
    [InlineData("""{"email":"a@b.test","displayName":"A","password":"Correct-horse-42","organizationName":"!!!"}""", "organizationName")]
    [InlineData("""{"email":"a@b.test","displayName":"A","password":"Correct-horse-42","organizationName":"Org","organizationSlug":"Bad Slug"}""", "organizationSlug")]
    public async Task Signing_up_with_bad_input_names_the_field_and_creates_nothing(string body, string field)
    {
        using var client = platform.CreateHttpClient("identity");

        using var response = await client.PostAsync("/signup", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Signing_up_with_a_taken_address_answers_as_a_new_sign_up_and_changes_nothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (email, _) = await SignUpAsync(cancellationToken);
        using var client = platform.CreateHttpClient("identity");

        using var again = await client.PostAsJsonAsync("/signup",
            new { email, displayName = "Again", password = "Another-horse-43", organizationName = "Another" }, cancellationToken);
        using var fresh = await client.PostAsJsonAsync("/signup",
            new { email = $"fresh-{Guid.NewGuid():N}@example.test", displayName = "Fresh", password = "Another-horse-43", organizationName = "Another" }, cancellationToken);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        var answered = await again.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.Equal(Names(await fresh.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)), Names(answered));
        // Nothing was made, and the account keeps its own password.
        await using var database = Npgsql.NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("identitydb", cancellationToken))!);
        await using var organizations = database.CreateCommand("SELECT count(*) FROM organizations WHERE id = $1");
        organizations.Parameters.Add(new Npgsql.NpgsqlParameter { Value = answered.GetProperty("organizationId").GetGuid() });
        Assert.Equal(0L, await organizations.ExecuteScalarAsync(cancellationToken));
        using var browser = new SignInFlow(Identity);
        using var withNewPassword = await browser.SubmitLoginAsync(new Uri(Identity, "/account/login"), email, "Another-horse-43", cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, withNewPassword.StatusCode);
        using var withOwnPassword = await browser.SubmitLoginAsync(new Uri(Identity, "/account/login"), email, SignInFlow.TestPassword, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, withOwnPassword.StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_alike_for_a_taken_and_a_new_address()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (email, _) = await SignUpAsync(cancellationToken);
        using var client = platform.CreateHttpClient("identity");

        using var taken = await client.PostAsJsonAsync("/signup", new { email, displayName = "A", password = "short", organizationName = "Org" }, cancellationToken);
        using var fresh = await client.PostAsJsonAsync("/signup",
            new { email = $"fresh-{Guid.NewGuid():N}@example.test", displayName = "A", password = "short", organizationName = "Org" }, cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(ErrorsOf(await fresh.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)), ErrorsOf(await taken.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)));
    }

    private static string ErrorsOf(JsonElement problem) => problem.GetProperty("errors").GetRawText();

    private static string[] Names(JsonElement body) => [.. body.EnumerateObject().Select(property => property.Name)];

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "class=\"error\"[^>]*>([^<]*)<").Groups[1].Value;

    [Fact]
    public async Task The_sign_in_page_is_reachable_through_the_gateway()
    {
        using var client = platform.CreateHttpClient("gateway");

        using var response = await client.GetAsync("/api/identity/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in to Platform", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_through_the_gateway_keeps_the_gateway_path_in_redirects()
    {
        using var client = platform.CreateHttpClient("gateway");
        var (_, challenge) = SignInFlow.Pkce();

        using var response = await client.GetAsync(
            $"/api/identity/connect/authorize?client_id=platform-cli&response_type=code&redirect_uri={Uri.EscapeDataString(SignInFlow.RedirectUri)}" +
            $"&scope=openid&code_challenge={challenge}&code_challenge_method=S256", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/api/identity/account/login", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fapi%2Fidentity%2Fconnect%2Fauthorize", response.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_pkce_challenge_is_refused()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Identity };
        var (verifier, _) = SignInFlow.Pkce();

        using var response = await client.GetAsync(
            $"/connect/authorize?client_id=platform-cli&response_type=code&redirect_uri={Uri.EscapeDataString(SignInFlow.RedirectUri)}" +
            $"&scope=openid&code_challenge={verifier}&code_challenge_method=plain", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<(string Email, JsonElement Body)> SignUpAsync(CancellationToken cancellationToken)
    {
        using var client = platform.CreateHttpClient("identity");
        var email = $"user-{Guid.NewGuid():N}@example.test";
        using var response = await client.PostAsJsonAsync("/signup",
            new { email, displayName = "User", password = SignInFlow.TestPassword, organizationName = "Org" }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }
}
