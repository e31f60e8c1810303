using Platform.Notifications.Data;

namespace Platform.Notifications.Preferences;

/// <summary>Whether a notification goes by email, held for a digest or not, and from when (and when it is pushed or posted to chat: <see cref="InstantAt"/>).</summary>
public sealed record DeliveryPlan(bool Email, bool Digest, DateTimeOffset DueAt)
{
    /// <summary>
    /// What <paramref name="preference"/> makes of a notification of <paramref name="kind"/> at <paramref name="now"/>: a
    /// security notice goes at once; a kind switched off by email stays in the inbox; a digest waits for the next
    /// hour or the daily time; quiet hours hold mail until they end. Local times are in the person's time zone.
    /// </summary>
    public static DeliveryPlan For(Preference preference, string kind, bool critical, DateTimeOffset now)
    {
        if (critical)
        {
            return new DeliveryPlan(true, false, now);
        }

        if (preference.EmailOff.Contains(kind))
        {
            return new DeliveryPlan(false, false, now);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(preference.TimeZone);
        var due = preference.Digest switch
        {
            DigestModes.Hourly => NextTopOfHour(now),
            DigestModes.Daily => NextLocal(now, preference.DigestAt, zone),
            _ => now,
        };
        return new DeliveryPlan(true, preference.Digest != DigestModes.Immediately, AfterQuietHours(preference, due, zone));
    }

    /// <summary>
    /// When a notification goes through a channel that is never batched (push to browsers, chat): at once (a security
    /// notice), never (a kind switched <paramref name="off"/> for it), or now unless quiet hours hold it until they end.
    /// </summary>
    public static DateTimeOffset? InstantAt(Preference preference, IReadOnlyCollection<string> off, string kind, bool critical, DateTimeOffset now) =>
        critical ? now
        : off.Contains(kind) ? null
        : AfterQuietHours(preference, now, TimeZoneInfo.FindSystemTimeZoneById(preference.TimeZone));

    /// <summary><paramref name="moment"/>, or the end of the quiet hours it falls in.</summary>
    public static DateTimeOffset AfterQuietHours(Preference preference, DateTimeOffset moment, TimeZoneInfo zone)
    {
        if (preference is not { QuietFrom: { } from, QuietUntil: { } until } || from == until)
        {
            return moment;
        }

        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(moment, zone).TimeOfDay);
        var quiet = from < until ? local >= from && local < until : local >= from || local < until;
        return quiet ? NextLocal(moment, until, zone) : moment;
    }

    /// <summary>The first moment after <paramref name="moment"/> whose local time in <paramref name="zone"/> is <paramref name="time"/>.</summary>
    public static DateTimeOffset NextLocal(DateTimeOffset moment, TimeOnly time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        for (var day = 0; day <= 2; day++)
        {
            var wall = local.Date.AddDays(day) + time.ToTimeSpan();
            // A time the clocks skip (spring forward) is taken an hour later.
            while (zone.IsInvalidTime(wall))
            {
                wall = wall.AddHours(1);
            }

            var candidate = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (candidate > moment)
            {
                return candidate.ToUniversalTime();
            }
        }

        throw new InvalidOperationException("No such local time within two days.");
    }

    private static DateTimeOffset NextTopOfHour(DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    }
}
