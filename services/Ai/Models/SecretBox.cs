using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Ai.Models;

/// <summary>
/// Encrypts the secrets organizations give the service (their model keys) with AES-256-GCM under <c>Ai:SecretsKey</c>
/// (an AppHost parameter, generated and kept), bound to what they belong to (<paramref name="context"/>: the
/// organization and the field), so a ciphertext copied to another organization's row does not open. Stored as nonce,
/// tag, ciphertext.
/// </summary>
public sealed class SecretBox(IOptions<AiOptions> options)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private byte[] Key => options.Value.SecretsKey is { Length: > 0 } key
        ? SHA256.HashData(Encoding.UTF8.GetBytes(key))
        : throw new InvalidOperationException("Ai:SecretsKey is not set: the AppHost passes its parameter ai-secrets-key.");

    public byte[] Seal(string secret, string context)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBox = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBox.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBox.AsSpan(NonceBytes + TagBytes), sealedBox.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(context));
        return sealedBox;
    }

    public string Open(byte[] sealedBox, string context)
    {
        var plaintext = new byte[sealedBox.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(Key, TagBytes);
        aes.Decrypt(sealedBox.AsSpan(0, NonceBytes), sealedBox.AsSpan(NonceBytes + TagBytes), sealedBox.AsSpan(NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plaintext);
    }
}
