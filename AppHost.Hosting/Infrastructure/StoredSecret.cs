using System.Security.Cryptography;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// A generated password kept beside the data it protects: the data folder survives restarts, so its
/// password must too (a fresh user-secrets value would lock the AppHost out of its own database).
/// </summary>
public static class StoredSecret
{
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        // Letters and digits only: safe unquoted in connection strings and configuration files.
        var secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        WritePrivateAsync(path, secret, CancellationToken.None).GetAwaiter().GetResult();
        return secret;
    }

    /// <summary>Writes a file only its owner can read.</summary>
    public static async Task WritePrivateAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var writer = new StreamWriter(path, options);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }
}
