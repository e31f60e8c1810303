using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Preferences;

namespace Platform.Notifications.Tests;

public sealed class DeliveryPlanTests
{
    // Monday 2 March 2026, 22:30 in Paris (UTC+1).
    private static readonly DateTimeOffset LateEvening = new(2026, 3, 2, 21, 30, 0, TimeSpan.Zero);

    private static Preference Paris(string digest = DigestModes.Immediately, TimeOnly? quietFrom = null, TimeOnly? quietUntil = null) =>
        new() { TimeZone = "Europe/Paris", Digest = digest, DigestAt = new TimeOnly(9, 0), QuietFrom = quietFrom, QuietUntil = quietUntil };

    [Fact]
    public void Mail_goes_at_once_outside_quiet_hours_and_waits_for_their_end_inside_them()
    {
        var quiet = Paris(quietFrom: new TimeOnly(22, 0), quietUntil: new TimeOnly(7, 30));

        Assert.Equal(new DeliveryPlan(true, false, LateEvening), DeliveryPlan.For(Paris(), NoticeKinds.Assigned, false, LateEvening));
        // 07:30 in Paris the next morning.
        Assert.Equal(new DeliveryPlan(true, false, new DateTimeOffset(2026, 3, 3, 6, 30, 0, TimeSpan.Zero)), DeliveryPlan.For(quiet, NoticeKinds.Assigned, false, LateEvening));
        Assert.Equal(new DeliveryPlan(true, false, LateEvening.AddHours(-2)), DeliveryPlan.For(quiet, NoticeKinds.Assigned, false, LateEvening.AddHours(-2)));
    }

    [Fact]
    public void A_security_notice_ignores_quiet_hours_digests_and_switched_off_kinds()
    {
        var preference = Paris(DigestModes.Daily, new TimeOnly(22, 0), new TimeOnly(7, 0));
        preference.EmailOff.Add(NoticeKinds.TokenCreated);

        Assert.Equal(new DeliveryPlan(true, false, LateEvening), DeliveryPlan.For(preference, NoticeKinds.TokenCreated, true, LateEvening));
    }

    [Fact]
    public void A_kind_switched_off_stays_in_the_inbox_only()
    {
        var preference = Paris();
        preference.EmailOff.Add(NoticeKinds.Comment);

        Assert.False(DeliveryPlan.For(preference, NoticeKinds.Comment, false, LateEvening).Email);
        Assert.True(DeliveryPlan.For(preference, NoticeKinds.Assigned, false, LateEvening).Email);
    }

    [Fact]
    public void Digests_wait_for_the_next_hour_or_the_daily_time_in_the_persons_zone()
    {
        Assert.Equal(new DeliveryPlan(true, true, new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero)),
            DeliveryPlan.For(Paris(DigestModes.Hourly), NoticeKinds.Comment, false, LateEvening));
        // 09:00 in Paris the next day.
        Assert.Equal(new DeliveryPlan(true, true, new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero)),
            DeliveryPlan.For(Paris(DigestModes.Daily), NoticeKinds.Comment, false, LateEvening));
        // An hourly digest due in quiet hours waits for their end.
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero),
            DeliveryPlan.For(Paris(DigestModes.Hourly, new TimeOnly(23, 0), new TimeOnly(7, 0)), NoticeKinds.Comment, false, LateEvening).DueAt);
    }

    [Fact]
    public void A_daily_time_that_the_clocks_skip_is_taken_an_hour_later()
    {
        // Paris springs forward on Sunday 29 March 2026 at 02:00: there is no 02:30 that day.
        var preference = Paris(DigestModes.Daily);
        preference.DigestAt = new TimeOnly(2, 30);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero),
            DeliveryPlan.For(preference, NoticeKinds.Comment, false, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)).DueAt);
    }
}
