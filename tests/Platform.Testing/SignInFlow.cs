using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>
/// What a browser and a CLI/MCP client do together to sign in: the authorization code flow with PKCE
/// against the real identity service, through its real sign-in page.
/// </summary>
public sealed partial class SignInFlow(Uri identity, string clientId = SignInFlow.CliClientId, string redirectUri = SignInFlow.CliRedirectUri) : IDisposable
{
    public const string CliClientId = "platform-cli";
    public const string CliRedirectUri = "http://127.0.0.1/callback";
    public const string RedirectUri = CliRedirectUri;

    /// <summary>What the user answers when a consent page asks (third-party apps): "granted" or "denied".</summary>
    public string ConsentAnswer { get; set; } = "granted";

    public int ConsentPagesSeen { get; private set; }

    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = identity,
    };

    /// <summary>Starts at the authorization endpoint and follows the browser's path (signing in if needed) back to the client.</summary>
    public async Task<string> AuthorizeAsync(string email, string password, string scope, string codeChallenge, string? organization, CancellationToken cancellationToken)
    {
        var query = $"/connect/authorize?client_id={clientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
            $"&scope={Uri.EscapeDataString(scope)}&state=s1&code_challenge={codeChallenge}&code_challenge_method=S256" +
            (organization is null ? "" : $"&organization={Uri.EscapeDataString(organization)}");
        var response = await _browser.GetAsync(query, cancellationToken);
        for (var hop = 0; hop < 6; hop++)
        {
            Expect(response, HttpStatusCode.Redirect);
            var location = response.Headers.Location!;
            if (location.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return location.ToString();
            }

            response = location.ToString().Contains("/account/login", StringComparison.Ordinal)
                ? await SubmitLoginAsync(location, email, password, cancellationToken)
                : location.ToString().Contains("/account/consent", StringComparison.Ordinal)
                    ? await AnswerConsentAsync(location, cancellationToken)
                    : await _browser.GetAsync(location, cancellationToken);
        }

        throw new InvalidOperationException("The authorization flow did not come back to the client.");
    }

    /// <summary>Reads the consent page and submits its form with <see cref="ConsentAnswer"/>.</summary>
    private async Task<HttpResponseMessage> AnswerConsentAsync(Uri consentPage, CancellationToken cancellationToken)
    {
        ConsentPagesSeen++;
        var page = await _browser.GetStringAsync(consentPage, cancellationToken);
        var form = Inputs().Matches(page)
            .Select(match => match.Value)
            .Where(input => input.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .ToDictionary(input => WebUtility.HtmlDecode(Attribute(input, "name")), input => WebUtility.HtmlDecode(Attribute(input, "value")));
        form["consent"] = ConsentAnswer;
        return await _browser.PostAsync(new Uri(new Uri(_browser.BaseAddress!, consentPage), "../connect/authorize"), new FormUrlEncodedContent(form), cancellationToken);
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value;

    public async Task<HttpResponseMessage> SubmitLoginAsync(Uri loginPage, string email, string password, CancellationToken cancellationToken)
    {
        var page = await _browser.GetStringAsync(loginPage, cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = WebUtility.HtmlDecode(HiddenValue(page, "ReturnUrl")),
            ["__RequestVerificationToken"] = HiddenValue(page, "__RequestVerificationToken"),
        };
        return await _browser.PostAsync(loginPage, new FormUrlEncodedContent(form), cancellationToken);
    }

    public async Task<JsonElement> RedeemAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = clientId;
        using var response = await _browser.PostAsync("/connect/token", new FormUrlEncodedContent(form), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token request failed with {(int)response.StatusCode}: {body}");
        }
        return body;
    }

    /// <summary>Signs up, signs in and returns the token response of a new owner of a new organization.</summary>
    public async Task<(JsonElement Tokens, string Email)> SignUpAndSignInAsync(string scope, CancellationToken cancellationToken)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        using var signup = await _browser.PostAsJsonAsync("/signup",
            new { email, displayName = "Test Owner", password = TestPassword, organizationName = $"Org {Guid.NewGuid():N}" }, cancellationToken);
        Expect(signup, HttpStatusCode.Created);

        return (await SignInAsync(email, scope, organization: null, cancellationToken), email);
    }

    /// <summary>Signs an existing user in (password <see cref="TestPassword"/>) and redeems the code.</summary>
    public async Task<JsonElement> SignInAsync(string email, string scope, string? organization, CancellationToken cancellationToken)
    {
        var (verifier, challenge) = Pkce();
        var callback = await AuthorizeAsync(email, TestPassword, scope, challenge, organization, cancellationToken);
        return await RedeemAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryValue(callback, "code"),
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        }, cancellationToken);
    }

    /// <summary>A token request that may fail: the status and the body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TryRedeemAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = clientId;
        using var response = await _browser.PostAsync("/connect/token", new FormUrlEncodedContent(form), cancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    public const string TestPassword = "Correct-horse-42";

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string QueryValue(string url, string name) =>
        Uri.UnescapeDataString(Regex.Match(url, $"[?&]{name}=([^&]*)").Groups[1].Value);

    /// <summary>The claims of a JWT (its signature is checked by the services, not here).</summary>
    public static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
        return JsonSerializer.Deserialize<JsonElement>(Convert.FromBase64String(part));
    }

    private static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value is { Length: > 0 } value
            ? value
            : Regex.Match(html, $"value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"").Groups[1].Value;

    /// <summary>A step of the flow that went another way than a browser's would is a failed test.</summary>
    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)status}.");
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _browser.Dispose();
}
