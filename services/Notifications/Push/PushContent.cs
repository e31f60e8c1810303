using System.Text.Json;
using Platform.Notifications.Data;
using Platform.Notifications.Email;

namespace Platform.Notifications.Push;

/// <summary>
/// What the web app's service worker shows for a push: title, a short body, the page a click opens (which marks the
/// notification read), and a tag that makes a task's newer notification replace its older one on screen. A push
/// message carries at most about 4 KB, so the body is cut short.
/// </summary>
public sealed record PushContent(Guid Id, string Kind, string Title, string Body, string? Url, string Tag)
{
    public const int MaxBody = 240;

    public static PushContent Of(Notification notification, Uri? webAddress) => new(
        notification.Id, notification.Kind, notification.Title,
        Inbox.Notifier.Shorten(notification.Body, MaxBody),
        EmailComposer.LinkOf(notification, webAddress)?.AbsoluteUri,
        notification.TaskKey ?? notification.Id.ToString());

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}
