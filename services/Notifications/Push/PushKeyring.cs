using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Email;

namespace Platform.Notifications.Push;

/// <summary>The server's VAPID keys and the authentication made of them (once: it keeps its signing key), or none when push is off.</summary>
public sealed class PushKeyring(IOptions<PushOptions> push, IOptions<MailOptions> mail) : IDisposable
{
    private readonly Lazy<VapidKeys?> _keys = new(() => push.Value.Enabled ? VapidKeys.FromSecret(push.Value.Key!) : null);

    private VapidAuthentication? _authentication;

    public VapidKeys? Keys => _keys.Value;

    /// <summary>The VAPID authentication push services see: the key pair and a contact (the configured one, else the mail sender's address).</summary>
    public VapidAuthentication Authentication => _authentication ??= Keys is { } keys
        ? new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = push.Value.Subject ?? "mailto:" + MailboxAddress.Parse(mail.Value.From).Address }
        : throw new InvalidOperationException("Web push is off: set Notifications:Push:Key.");

    public void Dispose() => _authentication?.Dispose();
}
