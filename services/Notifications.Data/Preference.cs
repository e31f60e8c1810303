namespace Platform.Notifications.Data;

/// <summary>
/// How a person wants to hear (or, with <see cref="OrganizationDefault"/> for a user, what the organization chose for
/// those who did not say): which kinds reach them by email, push and chat, quiet hours in their time zone, and whether mail comes at
/// once or batched in a digest. Security notices ignore all of it.
/// </summary>
public sealed class Preference
{
    /// <summary>The user id of the organization's defaults.</summary>
    public static readonly Guid OrganizationDefault = Guid.Empty;

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The language notifications are written in (en, fr, de, es).</summary>
    public string Language { get; set; } = "en";

    /// <summary>An IANA time zone (Europe/Paris): quiet hours and the daily digest are in it.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time mail stops (none: no quiet hours); until <see cref="QuietUntil"/>, the next day when earlier.</summary>
    public TimeOnly? QuietFrom { get; set; }

    public TimeOnly? QuietUntil { get; set; }

    /// <summary>immediately, hourly, or daily (at <see cref="DigestAt"/>).</summary>
    public string Digest { get; set; } = DigestModes.Immediately;

    public TimeOnly DigestAt { get; set; } = new(9, 0);

    /// <summary>The kinds of notification that do not come by email (the inbox has them all).</summary>
    public List<string> EmailOff { get; set; } = [];

    /// <summary>The kinds of notification not pushed to the person's browsers.</summary>
    public List<string> PushOff { get; set; } = [];

    /// <summary>The kinds of notification not posted to the person's connected chats.</summary>
    public List<string> ChatOff { get; set; } = [];

    /// <summary>The same choice, made <paramref name="userId"/>'s own.</summary>
    public Preference CopyFor(Guid organizationId, Guid userId) => new()
    {
        OrganizationId = organizationId, UserId = userId, Language = Language, TimeZone = TimeZone, QuietFrom = QuietFrom, QuietUntil = QuietUntil,
        Digest = Digest, DigestAt = DigestAt, EmailOff = [.. EmailOff], PushOff = [.. PushOff], ChatOff = [.. ChatOff],
    };
}

public static class DigestModes
{
    public const string Immediately = "immediately";
    public const string Hourly = "hourly";
    public const string Daily = "daily";

    public static readonly string[] All = [Immediately, Hourly, Daily];
}

/// <summary>
/// When a person's next digest mail is due, across organizations: the dispatcher claims due rows here, then gathers the
/// person's held mail in their organization. Ids and times only, outside row-level security.
/// </summary>
public sealed class DigestSchedule
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
