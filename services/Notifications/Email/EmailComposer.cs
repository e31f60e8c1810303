using System.Net;
using MimeKit;
using Platform.Notifications.Data;

namespace Platform.Notifications.Email;

/// <summary>
/// A notification as a mail: the title as subject, the text and an HTML part (every text escaped: a task's title
/// cannot inject markup), a link that opens it in the web app, and headers that thread a task's mails together.
/// </summary>
public static class EmailComposer
{
    public static MimeMessage Compose(Notification notification, string address, Delivery delivery, MailOptions options, string recipientName, Uri? unsubscribe)
    {
        var message = Envelope(notification.Title, $"{delivery.Id}@platform.notifications", address, recipientName, options);
        message.Headers.Add("X-Platform-Notification", notification.Id.ToString());
        if (notification.TaskKey is { } key)
        {
            // One thread per task in mail clients.
            var thread = $"<{key.ToLowerInvariant()}@tasks.platform.notifications>";
            message.Headers.Add(HeaderId.InReplyTo, thread);
            message.Headers.Add(HeaderId.References, thread);
        }

        var link = LinkOf(notification, options.WebAddress);
        return WithBody(message, link is null ? notification.Body : $"{notification.Body}\n\nOpen it: {link}", Html(notification, link), options, unsubscribe);
    }

    /// <summary>Several notifications in one mail (a digest), oldest first, each with its link.</summary>
    public static MimeMessage ComposeDigest(IReadOnlyList<Notification> notifications, string address, MailOptions options, string recipientName, Uri? unsubscribe)
    {
        var message = Envelope(
            notifications.Count == 1 ? notifications[0].Title : $"{notifications.Count} notifications: {notifications[^1].Title}",
            $"digest-{notifications[^1].Id}@platform.notifications", address, recipientName, options);
        var items = notifications.Select(n => (n.Title, Link: LinkOf(n, options.WebAddress))).ToList();
        return WithBody(message, string.Join("\n\n", items.Select(i => i.Link is null ? $"- {i.Title}" : $"- {i.Title}\n  {i.Link}")), $"""
                <!DOCTYPE html>
                <html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:600px">
                <h2 style="font-size:16px">{notifications.Count} notifications</h2>
                <ul>{string.Concat(items.Select(i => i.Link is null
                    ? $"<li>{WebUtility.HtmlEncode(i.Title)}</li>"
                    : $"<li><a href=\"{WebUtility.HtmlEncode(i.Link.AbsoluteUri)}\">{WebUtility.HtmlEncode(i.Title)}</a></li>"))}</ul>
                </body></html>
                """, options, unsubscribe);
    }

    private static MimeMessage Envelope(string subject, string messageId, string address, string recipientName, MailOptions options)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(recipientName, address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>The text and HTML parts, each with the footer, and the one-click unsubscribe.</summary>
    private static MimeMessage WithBody(MimeMessage message, string text, string html, MailOptions options, Uri? unsubscribe)
    {
        message.Body = new BodyBuilder { TextBody = text + Footer(options, html: false), HtmlBody = html.Replace("</body>", Footer(options, html: true) + "</body>", StringComparison.Ordinal) }.ToMessageBody();
        Unsubscribable(message, unsubscribe);
        return message;
    }

    /// <summary>RFC 8058: mail clients offer one click that posts to the link; no sign-in, no page to visit.</summary>
    private static void Unsubscribable(MimeMessage message, Uri? unsubscribe)
    {
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }

    private static string Footer(MailOptions options, bool html)
    {
        if (options.WebAddress is null)
        {
            return "";
        }

        var settings = new Uri(options.WebAddress, "settings/notifications").AbsoluteUri;
        return html
            ? $"<p style=\"color:#6b7280;font-size:12px\">Choose what comes by email, and when: <a href=\"{WebUtility.HtmlEncode(settings)}\">notification settings</a>.</p>"
            : $"\n\n--\nChoose what comes by email, and when: {settings}";
    }

    /// <summary>
    /// The web app's page that marks the notification read and opens what it is about: how a mail's opening is known,
    /// without a tracking pixel.
    /// </summary>
    public static Uri? LinkOf(Notification notification, Uri? webAddress) =>
        webAddress is null ? null : new Uri(webAddress, $"inbox/{notification.Id}");

    private static string Html(Notification notification, Uri? link)
    {
        var paragraphs = string.Join("", notification.Body.Split('\n').Select(line => $"<p style=\"margin:0 0 8px\">{WebUtility.HtmlEncode(line)}</p>"));
        var button = link is null
            ? ""
            : $"<p><a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\" style=\"display:inline-block;padding:8px 14px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none\">Open in Platform</a></p>";
        return $"""
            <!DOCTYPE html>
            <html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:600px">
            <h2 style="font-size:16px">{WebUtility.HtmlEncode(notification.Title)}</h2>
            {paragraphs}
            {button}
            </body></html>
            """;
    }
}
