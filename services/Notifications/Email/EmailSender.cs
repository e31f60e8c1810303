using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Deliveries;

namespace Platform.Notifications.Email;

/// <summary>
/// Sends mails over one SMTP connection per batch. A refusal the server means for good (5xx: no such mailbox) is a
/// failure; anything else (4xx, a connection that fails) may pass later.
/// </summary>
public sealed class EmailSender(IOptions<MailOptions> options)
{
    /// <summary>A connection for a batch; null with the reason when the server cannot be reached.</summary>
    public async Task<(SmtpClient? Client, string? Error)> ConnectAsync(CancellationToken cancellationToken)
    {
        var endpoint = options.Value.Endpoint ?? throw new InvalidOperationException($"No mail server: set the connection string '{MailOptions.ConnectionName}'.");
        var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            var security = endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(endpoint.Host, endpoint.Port, security, cancellationToken);
            if (options.Value.Username is { Length: > 0 } username)
            {
                await client.AuthenticateAsync(username, options.Value.Password ?? "", cancellationToken);
            }

            return (client, null);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException or AuthenticationException or SslHandshakeException)
        {
            client.Dispose();
            return (null, $"The mail server could not be reached: {e.Message}");
        }
    }

    public static async Task<AttemptOutcome> SendAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, cancellationToken);
            return AttemptOutcome.Success;
        }
        catch (SmtpCommandException e)
        {
            return new AttemptOutcome(false, (int)e.StatusCode >= 500, $"The mail server refused it ({(int)e.StatusCode}): {e.Message}");
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException)
        {
            return new AttemptOutcome(false, false, $"The connection to the mail server failed: {e.Message}");
        }
    }
}
