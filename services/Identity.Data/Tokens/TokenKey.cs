namespace Platform.Identity.Tokens;

/// <summary>
/// A key OpenIddict signs or encrypts tokens with. Kept in the database so every replica and every
/// restart uses the same keys (tokens stay valid, the JWKS stays stable).
/// </summary>
public sealed class TokenKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary><see cref="Signing"/> (an RSA key in PEM) or <see cref="Encryption"/> (256 random bits, base64).</summary>
    public required string Id { get; init; }

    public required string Material { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
