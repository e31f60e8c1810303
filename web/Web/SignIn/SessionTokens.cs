using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Web.SignIn;

/// <summary>
/// The tokens of a signed-in browser session, kept on the server (Redis, encrypted) under the session's id: the
/// browser's cookie holds only that id and who the person is, never a token. An access token about to expire is
/// refreshed here, so a circuit that lives for hours keeps calling with a fresh one.
/// </summary>
public sealed partial class SessionTokens(
    IConnectionMultiplexer redis, IDataProtectionProvider protection, IHttpClientFactory http,
    IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider clock, ILogger<SessionTokens> logger)
{
    /// <summary>The claim in the sign-in cookie naming the session whose tokens are kept here.</summary>
    public const string SessionClaim = "platform_session";

    /// <summary>Refreshed this long before expiry, so no call leaves with a token that expires on the way.</summary>
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);

    /// <summary>One refresh at a time per session: a refresh token is rotated on use.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Refreshing = new();

    private readonly IDataProtector _protector = protection.CreateProtector("Platform.Web.SessionTokens");

    public sealed record Tokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

    public async Task StoreAsync(string session, Tokens tokens, TimeSpan keepFor)
    {
        var sealedTokens = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens));
        await redis.GetDatabase().StringSetAsync(Key(session), sealedTokens, keepFor);
    }

    /// <summary>A valid access token of the signed-in person, or null when the session has none left (sign in again).</summary>
    public async Task<string?> AccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaim)?.Value is not { } session || await LoadAsync(session) is not { } tokens)
        {
            return null;
        }
        if (tokens.ExpiresAt - clock.GetUtcNow() > RefreshAhead)
        {
            return tokens.AccessToken;
        }

        var gate = Refreshing.GetOrAdd(session, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another call of this session may have refreshed while this one waited.
            tokens = await LoadAsync(session);
            if (tokens is null || tokens.ExpiresAt - clock.GetUtcNow() > RefreshAhead)
            {
                return tokens?.AccessToken;
            }
            return (await RefreshAsync(session, tokens, cancellationToken))?.AccessToken;
        }
        finally
        {
            // Whoever waits on this gate re-reads the tokens (fresh by now); a later caller makes a new one.
            Refreshing.TryRemove(session, out _);
            gate.Release();
        }
    }

    public async Task ForgetAsync(ClaimsPrincipal user)
    {
        if (user.FindFirst(SessionClaim)?.Value is { } session)
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(session));
            Refreshing.TryRemove(session, out _);
        }
    }

    /// <summary>The session is signed in as long as it has tokens here; a cookie whose tokens are gone is signed out.</summary>
    public async Task<bool> ExistsAsync(ClaimsPrincipal user) =>
        user.FindFirst(SessionClaim)?.Value is { } session && await redis.GetDatabase().KeyExistsAsync(Key(session));

    private async Task<Tokens?> RefreshAsync(string session, Tokens tokens, CancellationToken cancellationToken)
    {
        if (tokens.RefreshToken is null)
        {
            return null;
        }
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var client = http.CreateClient();
        using var response = await client.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken,
            ["client_id"] = options.ClientId!,
            ["client_secret"] = options.ClientSecret!,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Revoked, expired, or the person left the organization: the session ends, and the next page asks to sign in.
            LogRefreshRefused(logger, (int)response.StatusCode);
            await redis.GetDatabase().KeyDeleteAsync(Key(session));
            return null;
        }
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var refreshed = FromTokenResponse(
            answer.GetProperty("access_token").GetString()!,
            answer.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : tokens.RefreshToken,
            answer.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : null);
        await StoreAsync(session, refreshed, WebSignIn.SessionLifetime);
        return refreshed;
    }

    public Tokens FromTokenResponse(string accessToken, string? refreshToken, int? expiresInSeconds) =>
        new(accessToken, refreshToken, clock.GetUtcNow().AddSeconds(expiresInSeconds ?? 300));

    private async Task<Tokens?> LoadAsync(string session)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(session));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Tokens>(_protector.Unprotect((byte[])value!));
    }

    private static string Key(string session) => $"web:session:{session}";

    [LoggerMessage(Level = LogLevel.Information, Message = "A session's refresh was refused ({Status}); it signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status);
}
