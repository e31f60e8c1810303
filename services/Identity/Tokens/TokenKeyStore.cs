using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;
using Platform.Identity.Data;

namespace Platform.Identity.Tokens;

/// <summary>Gives OpenIddict its keys from the database, creating them the first time any replica starts.</summary>
internal sealed class TokenKeyStore(IServiceScopeFactory scopes) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();

        var rsa = RSA.Create();
        rsa.ImportFromPem(ReadOrCreate(database, TokenKey.Signing, () => RSA.Create(2048).ExportRSAPrivateKeyPem()));
        options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId(rsa) }, SecurityAlgorithms.RsaSha256));

        var secret = Convert.FromBase64String(ReadOrCreate(database, TokenKey.Encryption, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(secret), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    /// <summary>Two replicas starting together both try to insert; the loser reads the winner's key.</summary>
    private static string ReadOrCreate(IdentityDataContext database, string id, Func<string> create)
    {
        var existing = database.TokenKeys.AsNoTracking().SingleOrDefault(key => key.Id == id);
        if (existing is not null)
        {
            return existing.Material;
        }

        database.TokenKeys.Add(new TokenKey { Id = id, Material = create() });
        try
        {
            database.SaveChanges();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            database.ChangeTracker.Clear();
        }

        return database.TokenKeys.AsNoTracking().Single(key => key.Id == id).Material;
    }

    /// <summary>A stable key id (the JWKS "kid") derived from the public key.</summary>
    private static string KeyId(RSA rsa) =>
        Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
}
