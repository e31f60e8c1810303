using Platform.Scheduling;

namespace Platform.Projects.Tests;

public sealed class WorkingCalendarTests
{
    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void Day_zero_is_the_first_working_day_on_or_after_the_start()
    {
        // Saturday 5 December 2026: work starts on Monday the 7th.
        var calendar = new WorkingCalendar(new DateOnly(2026, 12, 5), MondayToFriday, []);

        Assert.Equal(new DateOnly(2026, 12, 7), calendar.Day(0));
        Assert.Equal(new DateOnly(2026, 12, 14), calendar.Day(5));
    }

    [Fact]
    public void Holidays_and_weekends_are_skipped_and_a_task_finishes_on_its_last_working_day()
    {
        // Friday 4 December, Tuesday the 8th off.
        var calendar = new WorkingCalendar(new DateOnly(2026, 12, 4), MondayToFriday, [new DateOnly(2026, 12, 8)]);

        Assert.Equal(new DateOnly(2026, 12, 4), calendar.StartDate(0));
        Assert.Equal(new DateOnly(2026, 12, 9), calendar.FinishDate(0, 3)); // Fri 4, Mon 7, Wed 9
        Assert.Equal(new DateOnly(2026, 12, 10), calendar.StartDate(3));
    }

    [Fact]
    public void A_date_maps_to_the_offset_of_the_first_working_day_on_or_after_it()
    {
        // Friday 4 December, Tuesday the 8th off.
        var calendar = new WorkingCalendar(new DateOnly(2026, 12, 4), MondayToFriday, [new DateOnly(2026, 12, 8)]);

        Assert.Equal(0, calendar.OffsetOf(new DateOnly(2026, 11, 30))); // before the start
        Assert.Equal(1, calendar.OffsetOf(new DateOnly(2026, 12, 5))); // Saturday: Monday the 7th
        Assert.Equal(2, calendar.OffsetOf(new DateOnly(2026, 12, 8))); // the holiday: Wednesday the 9th
        Assert.Equal(2, calendar.OffsetOf(calendar.Day(2)));
    }

    [Fact]
    public void Fractions_of_a_day_fall_on_the_day_they_are_in_and_a_milestone_on_its_start()
    {
        var calendar = new WorkingCalendar(new DateOnly(2026, 12, 7), MondayToFriday, []);

        Assert.Equal(new DateOnly(2026, 12, 8), calendar.StartDate(1.5));
        Assert.Equal(new DateOnly(2026, 12, 9), calendar.FinishDate(1.5, 2.5));
        Assert.Equal(new DateOnly(2026, 12, 9), calendar.FinishDate(2, 2)); // a milestone
    }

    [Fact]
    public void A_week_without_working_days_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new DateOnly(2026, 12, 7), [], []));
    }
}
