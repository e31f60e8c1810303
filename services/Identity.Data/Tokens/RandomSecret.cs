using System.Security.Cryptography;

namespace Platform.Identity.Tokens;

public static class RandomSecret
{
    /// <summary>256 random bits as 43 URL- and shell-safe characters (letters and digits only).</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
}
