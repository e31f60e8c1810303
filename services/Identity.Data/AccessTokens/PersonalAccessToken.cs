using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;

using Platform.Identity.Tokens;

namespace Platform.Identity.AccessTokens;

/// <summary>
/// A long-lived token a user makes for CI or an MCP client: scoped, expiring, revocable, acting in one
/// organization. Only a hash of the secret is stored; the secret is shown once, at creation.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Name { get; init; }

    public required string[] Scopes { get; init; }

    /// <summary>SHA-256 of the whole token: the secret has 256 random bits, so a fast hash is enough.</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>The first characters of the token, so a user can tell their tokens apart.</summary>
    public required string DisplayPrefix { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public static string NewSecret() =>
        PersonalAccessTokenClaims.SecretPrefix + RandomSecret.Create();

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
