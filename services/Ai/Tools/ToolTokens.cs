using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using ModelContextProtocol;

namespace Platform.Ai.Tools;

/// <summary>
/// Exchanges a caller's token at the identity service (RFC 8693 token exchange, as client <c>platform-ai</c>) for one
/// of the same person with only the scopes a tool may use. Kept until shortly before it expires (it lives two minutes
/// at most, never beyond the caller's token), per caller token and scopes.
/// </summary>
public sealed class ToolTokens(HttpClient http, IMemoryCache cache, IConfiguration configuration)
{
    public const string ClientId = PlatformScopes.AiClient;
    public const string SecretKey = "Identity:AiClient:Secret";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string PersonalAccessTokenType = PersonalAccessTokenClaims.ExchangeTokenType;
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    public async Task<string> ExchangeAsync(string callerToken, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        var scope = string.Join(' ', scopes.Order(StringComparer.Ordinal));
        var key = "tool-token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{callerToken}\n{scope}")));
        if (cache.TryGetValue(key, out string? known))
        {
            return known!;
        }

        var secret = configuration[SecretKey] is { Length: > 0 } configured ? configured
            : throw new InvalidOperationException($"{SecretKey} is not set; the AppHost sets it on the ai and identity resources.");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["subject_token"] = callerToken,
                ["subject_token_type"] = callerToken.StartsWith(PersonalAccessTokenClaims.SecretPrefix, StringComparison.Ordinal) ? PersonalAccessTokenType : AccessTokenType,
                ["scope"] = scope,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            var reason = body.RootElement.TryGetProperty("error_description", out var description) ? description.GetString() : null;
            throw new McpException($"The identity service gave no token for this tool: {reason ?? $"it answered {(int)response.StatusCode}"}");
        }
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = TimeSpan.FromSeconds(body.RootElement.GetProperty("expires_in").GetInt32()) - Margin;
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(key, token, lifetime);
        }
        return token;
    }
}
