using System.Text.Encodings.Web;
using System.Text.Unicode;
using MimeKit;
using Platform.Notifications.Data;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Email;

/// <summary>
/// A notification as a mail, in the language it was written in: the title as subject, the text and an HTML part (every
/// text escaped: a task's title cannot inject markup), a link that opens it in the web app, headers that thread a
/// task's mails together, and the organization's branding (its name, logo and accent colour) around it.
/// </summary>
public static class EmailComposer
{
    private const string DefaultAccent = "#4f46e5";

    /// <summary>Markup characters escaped; letters of every language left as they are (mail in French reads "é", not "&amp;#233;").</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static MimeMessage Compose(
        Notification notification, string address, Delivery delivery, MailOptions options, string recipientName, Uri? unsubscribe, OrganizationBranding? branding)
    {
        var words = NoticeTexts.In(notification.Language);
        var message = Envelope(notification.Title, $"{delivery.Id}@platform.notifications", address, recipientName, options, branding);
        message.Headers.Add("X-Platform-Notification", notification.Id.ToString());
        if (notification.TaskKey is { } key)
        {
            // One thread per task in mail clients.
            var thread = $"<{key.ToLowerInvariant()}@tasks.platform.notifications>";
            message.Headers.Add(HeaderId.InReplyTo, thread);
            message.Headers.Add(HeaderId.References, thread);
        }

        var link = LinkOf(notification, options.WebAddress);
        var text = link is null ? notification.Body : $"{notification.Body}\n\n{Fill(words, words.Mail.OpenText, ("link", link.AbsoluteUri))}";
        var paragraphs = string.Concat(notification.Body.Split('\n').Select(line => $"<p style=\"margin:0 0 8px\">{Html(line)}</p>"));
        var button = link is null
            ? ""
            : $"<p><a href=\"{Html(link.AbsoluteUri)}\" style=\"display:inline-block;padding:8px 14px;background:{Accent(branding)};color:#fff;border-radius:6px;text-decoration:none\">{Html(words.Mail.Open)}</a></p>";
        return WithBody(message, text, notification.Title, paragraphs + button, words, options, unsubscribe, branding);
    }

    /// <summary>Several notifications in one mail (a digest), oldest first, each with its link, in the language of the latest.</summary>
    public static MimeMessage ComposeDigest(
        IReadOnlyList<Notification> notifications, string address, MailOptions options, string recipientName, Uri? unsubscribe, OrganizationBranding? branding)
    {
        var words = NoticeTexts.In(notifications[^1].Language);
        var subject = notifications.Count == 1
            ? notifications[0].Title
            : Fill(words, words.Mail.DigestSubject, ("count", notifications.Count), ("latest", notifications[^1].Title));
        var message = Envelope(subject, $"digest-{notifications[^1].Id}@platform.notifications", address, recipientName, options, branding);
        var items = notifications.Select(n => (n.Title, Link: LinkOf(n, options.WebAddress))).ToList();
        var text = string.Join("\n\n", items.Select(i => i.Link is null ? $"- {i.Title}" : $"- {i.Title}\n  {i.Link}"));
        var list = "<ul>" + string.Concat(items.Select(i => i.Link is null
            ? $"<li>{Html(i.Title)}</li>"
            : $"<li><a href=\"{Html(i.Link.AbsoluteUri)}\" style=\"color:{Accent(branding)}\">{Html(i.Title)}</a></li>")) + "</ul>";
        return WithBody(message, text, Fill(words, words.Mail.DigestHeading, ("count", notifications.Count)), list, words, options, unsubscribe, branding);
    }

    /// <summary>
    /// The web app's page that marks the notification read and opens what it is about: how a mail's opening is known,
    /// without a tracking pixel.
    /// </summary>
    public static Uri? LinkOf(Notification notification, Uri? webAddress) =>
        webAddress is null ? null : new Uri(webAddress, $"inbox/{notification.Id}");

    /// <summary>The accent colour, only ever as #rrggbb (what the branding's validation lets in) inside a style attribute.</summary>
    private static string Accent(OrganizationBranding? branding) => branding?.AccentColor is { } color && Branding.BrandingInput.IsColor(color) ? color : DefaultAccent;

    private static MimeMessage Envelope(string subject, string messageId, string address, string recipientName, MailOptions options, OrganizationBranding? branding)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId };
        var from = MailboxAddress.Parse(options.From);
        // Mail clients show who it is from: the organization, through the platform's address.
        message.From.Add(branding?.Name is { Length: > 0 } organization ? new MailboxAddress($"{organization} (Platform)", from.Address) : from);
        message.To.Add(new MailboxAddress(recipientName, address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>The text and HTML parts, each with the branding and the footer, and the one-click unsubscribe.</summary>
    private static MimeMessage WithBody(
        MimeMessage message, string text, string heading, string content, Language words, MailOptions options, Uri? unsubscribe, OrganizationBranding? branding)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="{words.Culture.TwoLetterISOLanguageName}"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:600px">
            {Masthead(branding)}<h2 style="font-size:16px">{Html(heading)}</h2>
            {content}
            {Footer(words, options, branding, html: true)}
            </body></html>
            """;
        message.Body = new BodyBuilder { TextBody = text + Footer(words, options, branding, html: false), HtmlBody = html }.ToMessageBody();
        if (unsubscribe is not null)
        {
            // RFC 8058: mail clients offer one click that posts to the link; no sign-in, no page to visit.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }

    private static string Masthead(OrganizationBranding? branding)
    {
        var name = branding?.Name is { Length: > 0 } n ? Html(n) : null;
        var logo = branding?.LogoUrl is { } url && Branding.BrandingInput.IsLogo(url)
            ? $"<img src=\"{Html(url)}\" alt=\"{name}\" style=\"max-height:40px;vertical-align:middle;margin-right:8px\">"
            : "";
        return logo.Length == 0 && name is null
            ? ""
            : $"<p data-branding style=\"border-bottom:3px solid {Accent(branding)};padding-bottom:8px;font-weight:600\">{logo}{name}</p>\n";
    }

    private static string Footer(Language words, MailOptions options, OrganizationBranding? branding, bool html)
    {
        var sentBy = branding?.Name is { Length: > 0 } organization ? Fill(words, words.Mail.SentBy, ("organization", organization)) : null;
        if (options.WebAddress is null)
        {
            return sentBy is null ? "" : html ? $"<p style=\"color:#6b7280;font-size:12px\">{Html(sentBy)}</p>" : $"\n\n--\n{sentBy}";
        }

        var settings = new Uri(options.WebAddress, "settings/notifications").AbsoluteUri;
        if (!html)
        {
            return $"\n\n--\n{Fill(words, words.Mail.Footer, ("settings", settings))}" + (sentBy is null ? "" : $"\n{sentBy}");
        }

        // The footer's words are escaped, then the link put in its place: a translation cannot add markup either.
        var anchor = $"<a href=\"{Html(settings)}\">{Html(words.Mail.SettingsLink)}</a>";
        var line = Html(words.Mail.Footer).Replace("{settings}", anchor, StringComparison.Ordinal);
        return $"<p style=\"color:#6b7280;font-size:12px\">{line}" + (sentBy is null ? "" : $"<br>{Html(sentBy)}") + "</p>";
    }

    private static string Html(string text) => Encoder.Encode(text);

    private static string Fill(Language words, string text, params (string Name, object Value)[] values) =>
        NoticeTexts.Fill(text, values.ToDictionary(v => v.Name, v => v.Value), words.Culture);
}
