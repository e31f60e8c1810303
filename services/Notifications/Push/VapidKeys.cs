using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Notifications.Push;

/// <summary>
/// The server's VAPID key pair (RFC 8292), P-256, derived from the configured secret: every replica signs with the same
/// key without a key file, and browsers subscribed with its public key keep working across restarts.
/// </summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey)
{
    public static VapidKeys FromSecret(string secret)
    {
        var privateKey = SHA256.HashData(Encoding.UTF8.GetBytes("platform web push " + secret));
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        // The uncompressed point, as browsers take it for applicationServerKey.
        byte[] publicKey = [0x04, .. point.X!, .. point.Y!];
        return new VapidKeys(WebEncoders.Base64UrlEncode(publicKey), WebEncoders.Base64UrlEncode(privateKey));
    }
}
