using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>What the identity service says about a good personal access token.</summary>
public sealed record VerifiedAccessToken(Guid TokenId, Guid UserId, Guid OrganizationId, string Role, string[] Scopes, DateTimeOffset ExpiresAt);

public static class PersonalAccessTokenClaims
{
    public const string Scheme = "PersonalAccessToken";

    /// <summary>Present only on callers authenticated by a personal access token.</summary>
    public const string TokenId = "pat";

    public const string SecretPrefix = "plat_";

    /// <summary>The subject_token_type of a personal access token in a token exchange (the AI service's tool tokens).</summary>
    public const string ExchangeTokenType = "urn:platform:params:oauth:token-type:personal-access-token";
}

/// <summary>
/// Asks the identity service about a personal access token, remembering the answer (good or bad) for
/// at most <see cref="CacheTime"/>: a revoked token is refused everywhere within that time.
/// </summary>
public sealed class PersonalAccessTokenVerifier(HttpClient http, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The identity service's answer, from the cache when it is at most <paramref name="maxAge"/> old
    /// (<see cref="CacheTime"/> unless less is asked for).
    /// </summary>
    public async Task<VerifiedAccessToken?> VerifyAsync(string token, CancellationToken cancellationToken, TimeSpan? maxAge = null)
    {
        var key = "pat:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (cache.TryGetValue(key, out Verification? known) && clock.GetUtcNow() - known!.At <= (maxAge ?? CacheTime))
        {
            return known.Token;
        }

        using var response = await http.PostAsJsonAsync("/tokens/verify", new { token }, cancellationToken);
        var verified = response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<VerifiedAccessToken>(cancellationToken)
            : null;
        if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            cache.Set(key, new Verification(verified, clock.GetUtcNow()), CacheTime);
        }

        return verified;
    }

    private sealed record Verification(VerifiedAccessToken? Token, DateTimeOffset At);
}

/// <summary>Turns a verified personal access token into the same claims an access token carries.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalAccessTokenVerifier verifier, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token || !token.StartsWith(PersonalAccessTokenClaims.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var verified = await verifier.VerifyAsync(token, Context.RequestAborted);
        if (verified is null || verified.ExpiresAt <= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("The personal access token is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PlatformClaimTypes.Subject, verified.UserId.ToString()),
                new Claim(PlatformClaimTypes.Organization, verified.OrganizationId.ToString()),
                new Claim(PlatformClaimTypes.Role, verified.Role),
                new Claim(PlatformClaimTypes.Scope, string.Join(' ', verified.Scopes)),
                new Claim(PersonalAccessTokenClaims.TokenId, verified.TokenId.ToString()),
            ],
            PersonalAccessTokenClaims.Scheme, PlatformClaimTypes.Name, PlatformClaimTypes.Role);
        // Kept with the result (not in the principal) for connections that outlive the request: LiveCredentials asks again.
        var properties = new AuthenticationProperties { ExpiresUtc = verified.ExpiresAt };
        properties.Items[SecretProperty] = token;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }

    private const string SecretProperty = ".pat";

    /// <summary>The personal access token an authentication result came from, if it came from one.</summary>
    public static string? SecretOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SecretProperty, out var secret) == true ? secret : null;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = BearerToken(Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }

    /// <summary>
    /// The caller's token: the Authorization header, or, for SignalR hubs only (<c>/hubs/...</c>), the
    /// <c>access_token</c> query parameter, since browsers cannot set headers on WebSockets and server-sent events.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        return IsHubRequest(request) && request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token) ? token.ToString() : null;
    }

    private static bool IsHubRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") || request.Path.Value?.Contains("/hubs/", StringComparison.Ordinal) == true;
}
