using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Preferences;

/// <summary>What a person or the organization chose, as the API shows and takes it (times as HH:mm).</summary>
public sealed record PreferenceView(
    string Language, string TimeZone, string? QuietFrom, string? QuietUntil, string Digest, string DigestAt, string[] EmailOff, string[] PushOff, string[] ChatOff, bool OrganizationDefault)
{
    public static PreferenceView Of(Preference p, bool organizationDefault) => new(
        p.Language, p.TimeZone, p.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture), p.QuietUntil?.ToString("HH:mm", CultureInfo.InvariantCulture),
        p.Digest, p.DigestAt.ToString("HH:mm", CultureInfo.InvariantCulture), [.. p.EmailOff.Order()], [.. p.PushOff.Order()], [.. p.ChatOff.Order()], organizationDefault);
}

/// <summary>The whole choice (absent fields take the defaults: English, UTC, no quiet hours, mail at once, every kind by email, push and chat).</summary>
public sealed record PreferenceInput(
    string? TimeZone, string? QuietFrom, string? QuietUntil, string? Digest, string? DigestAt, string[]? EmailOff, string[]? PushOff = null, string? Language = null, string[]? ChatOff = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Language is not null && !NoticeTexts.Speaks(Language))
        {
            errors["language"] = [$"One of {string.Join(", ", NoticeTexts.Names.Keys)}."];
        }

        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors["timeZone"] = ["An IANA time zone, like Europe/Paris or America/New_York."];
        }

        if ((QuietFrom is null) != (QuietUntil is null))
        {
            errors["quietFrom"] = ["Quiet hours need both quietFrom and quietUntil, or neither."];
        }

        foreach (var (name, value) in new[] { ("quietFrom", QuietFrom), ("quietUntil", QuietUntil), ("digestAt", DigestAt) })
        {
            if (value is not null && Time(value) is null)
            {
                errors[name] = ["A time of day as HH:mm, like 22:00."];
            }
        }

        if (Digest is not null && !DigestModes.All.Contains(Digest))
        {
            errors["digest"] = [$"One of {string.Join(", ", DigestModes.All)}."];
        }

        foreach (var (name, kinds) in new[] { ("emailOff", EmailOff), ("pushOff", PushOff), ("chatOff", ChatOff) })
        {
            if (kinds?.FirstOrDefault(kind => !NoticeKinds.All.Contains(kind)) is { } unknown)
            {
                errors[name] = [$"'{unknown}' is no kind of notification; the kinds are {string.Join(", ", NoticeKinds.All)}."];
            }
        }

        return errors;
    }

    public void ApplyTo(Preference preference)
    {
        preference.Language = Language ?? NoticeTexts.DefaultLanguage;
        preference.TimeZone = TimeZone ?? "UTC";
        (preference.QuietFrom, preference.QuietUntil) = (Time(QuietFrom), Time(QuietUntil));
        preference.Digest = Digest ?? DigestModes.Immediately;
        preference.DigestAt = Time(DigestAt) ?? new TimeOnly(9, 0);
        preference.EmailOff = [.. (EmailOff ?? []).Distinct()];
        preference.PushOff = [.. (PushOff ?? []).Distinct()];
        preference.ChatOff = [.. (ChatOff ?? []).Distinct()];
    }

    private static TimeOnly? Time(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}

/// <summary>How many of the person's browsers have push on, and how many chats they connected (as announced by the integrations service).</summary>
public sealed record Reach(int Browsers, int Chats);

/// <summary>People's and the organization's choices of how to hear, and the one in force for each person.</summary>
public sealed class PreferenceBook(NotificationsDbContext db)
{
    /// <summary>The choice in force for each of <paramref name="users"/>: their own, else the organization's, else the defaults.</summary>
    public async Task<Dictionary<Guid, Preference>> InForceAsync(IReadOnlyCollection<Guid> users, CancellationToken cancellationToken)
    {
        var ids = users.Append(Preference.OrganizationDefault).ToList();
        var chosen = await db.Preferences.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        var fallback = chosen.GetValueOrDefault(Preference.OrganizationDefault) ?? new Preference();
        return users.Distinct().ToDictionary(user => user, user => chosen.GetValueOrDefault(user) ?? fallback);
    }

    public async Task<PreferenceView> ViewAsync(Guid user, CancellationToken cancellationToken)
    {
        var inForce = (await InForceAsync([user], cancellationToken))[user];
        return PreferenceView.Of(inForce, organizationDefault: inForce.UserId != user);
    }

    /// <summary>Replaces the choice of <paramref name="user"/> (<see cref="Preference.OrganizationDefault"/>: the organization's).</summary>
    public async Task<PreferenceView> PutAsync(Guid organizationId, Guid user, PreferenceInput input, CancellationToken cancellationToken)
    {
        var preference = await db.Preferences.FindAsync([organizationId, user], cancellationToken);
        if (preference is null)
        {
            db.Preferences.Add(preference = new Preference { OrganizationId = organizationId, UserId = user });
        }

        input.ApplyTo(preference);
        await db.SaveChangesAsync(cancellationToken);
        return PreferenceView.Of(preference, user == Preference.OrganizationDefault);
    }

    /// <summary>Mail of <paramref name="kind"/> stops for the person (their choice is made from the one in force if they had none).</summary>
    public async Task StopEmailAsync(Guid organizationId, Guid user, string kind, CancellationToken cancellationToken)
    {
        var preference = await db.Preferences.FindAsync([organizationId, user], cancellationToken);
        if (preference is null)
        {
            db.Preferences.Add(preference = (await InForceAsync([user], cancellationToken))[user].CopyFor(organizationId, user));
        }

        preference.EmailOff = [.. preference.EmailOff.Union(kind == Unsubscribe.UnsubscribeLinks.AllKinds ? NoticeKinds.All : [kind])];

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where the person's notifications can go besides the inbox and mail: browsers with push on, connected chats.</summary>
    public async Task<Reach> ReachAsync(Guid user, CancellationToken cancellationToken) => new(
        await db.PushDevices.CountAsync(d => d.UserId == user, cancellationToken),
        await db.Chats.CountAsync(c => c.UserId == user, cancellationToken));

    /// <summary>Back to the organization's choice; false when the person had none of their own.</summary>
    public async Task<bool> ResetAsync(Guid user, CancellationToken cancellationToken) =>
        await db.Preferences.Where(p => p.UserId == user).ExecuteDeleteAsync(cancellationToken) > 0;
}
