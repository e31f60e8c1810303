using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.Notifications.Email;

namespace Platform.Notifications.Unsubscribe;

/// <summary>What a one-click unsubscribe link stops: mail of one kind (or <see cref="UnsubscribeLinks.AllKinds"/>) to one person of one organization.</summary>
public sealed record UnsubscribeRequest(Guid OrganizationId, Guid UserId, string Kind);

/// <summary>
/// One-click unsubscribe links (RFC 8058): the link carries whom and which kind, signed with the service's key
/// (HMAC-SHA256), so a mail client can post to it without signing in and nobody can forge another person's.
/// </summary>
public sealed class UnsubscribeLinks(IOptions<MailOptions> options)
{
    /// <summary>A digest's link: it mixes kinds, so it stops them all (security notices still come).</summary>
    public const string AllKinds = "all";

    public Uri? For(Guid organizationId, Guid userId, string kind)
    {
        if (options.Value is not { ApiAddress: { } api, UnsubscribeKey: { Length: > 0 } })
        {
            return null;
        }

        var payload = $"{organizationId:N}.{userId:N}.{kind}";
        var token = $"{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{Sign(payload)}";
        return new Uri(api, $"api/notifications/unsubscribe/{token}");
    }

    /// <summary>The request a token stands for; null when it is malformed or not signed with this key.</summary>
    public UnsubscribeRequest? Read(string token)
    {
        var dot = token.LastIndexOf('.');
        if (dot <= 0 || options.Value.UnsubscribeKey is not { Length: > 0 })
        {
            return null;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token[..dot]));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(token[(dot + 1)..])))
        {
            return null;
        }

        var parts = payload.Split('.');
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var organization) && Guid.TryParseExact(parts[1], "N", out var user)
            ? new UnsubscribeRequest(organization, user, parts[2])
            : null;
    }

    private string Sign(string payload) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.UnsubscribeKey!), Encoding.UTF8.GetBytes(payload)));
}
