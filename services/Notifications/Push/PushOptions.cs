namespace Platform.Notifications.Push;

/// <summary>
/// Web push (<c>Notifications:Push</c>): the secret the server's VAPID key pair is made from (without one, push is off),
/// who the push services may contact about it, and which push services browsers may name as their endpoint.
/// </summary>
public sealed class PushOptions
{
    /// <summary>The secret (<c>Notifications:Push:Key</c>) the VAPID key pair is derived from: the same on every replica.</summary>
    public string? Key { get; set; }

    /// <summary>VAPID's contact (a mailto: or https: address); the web app's address when not set.</summary>
    public string? Subject { get; set; }

    /// <summary>
    /// The push services a browser's endpoint may point at (a host or a parent domain): the server posts to that address,
    /// so a made-up endpoint must not make it reach anything else. Endpoints must use https unless they are on loopback.
    /// </summary>
    public string[] ServiceHosts { get; set; } =
        ["fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com"];

    /// <summary>How many due pushes a pass of the dispatcher claims.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a push service keeps a message for a browser that is offline.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many browsers one person may have push turned on in; a new one replaces the longest unused.</summary>
    public int MaxDevicesPerPerson { get; set; } = 10;

    public bool Enabled => !string.IsNullOrEmpty(Key);
}
