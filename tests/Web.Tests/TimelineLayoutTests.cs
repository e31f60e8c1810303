using Platform.Web.Api;
using Platform.Web.Components.Gantt;

namespace Platform.Web.Tests;

public sealed class TimelineLayoutTests
{
    // Monday 4 January 2027; the hand-checked network A(3) -> B(2) -> D(1), A -> C(4) -> D on Monday-to-Friday weeks.
    private static readonly DateOnly Start = new(2027, 1, 4);
    private static readonly ProjectView Project = new(Guid.NewGuid(), "P", "Plan", null, false, Start,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], [], DateTimeOffset.UnixEpoch);

    private static readonly ScheduleView Schedule = new(["P"], Start, Day(13), 8, ["P-1", "P-3", "P-4"],
    [
        Task("P-1", 3, 0, Day(4), Day(6), Day(4), Day(6)),
        Task("P-2", 2, 2, Day(7), Day(8), Day(11), Day(12)),
        Task("P-3", 4, 0, Day(7), Day(12), Day(7), Day(12)),
        Task("P-4", 1, 0, Day(13), Day(13), Day(13), Day(13)),
    ],
    [
        new("P-1", "P-2", "finish-to-start", 0), new("P-1", "P-3", "finish-to-start", 0),
        new("P-2", "P-4", "finish-to-start", 0), new("P-3", "P-4", "finish-to-start", 0),
    ]);

    [Fact]
    public void Bars_span_their_calendar_days_and_float_runs_to_the_late_finish_across_the_weekend()
    {
        var layout = new TimelineLayout(Schedule, [Project], dayWidth: 10, rowHeight: 28, today: Start);

        var (a, b, c, d) = (layout.Bars[0], layout.Bars[1], layout.Bars[2], layout.Bars[3]);
        // The chart starts a day early (Sunday the 3rd), so arrows leaving a bar's start have room.
        Assert.Equal((10, 30, 0), (a.X, a.Width, a.FloatWidth));
        // B: Thursday and Friday, then two days of float that end on Tuesday, past the weekend.
        Assert.Equal((40, 20, 40), (b.X, b.Width, b.FloatWidth));
        Assert.Equal((40, 60), (c.X, c.Width));
        Assert.Equal((100, 10), (d.X, d.Width));
        Assert.Equal(110, layout.FinishX);
        Assert.Equal([0, 1, 2, 3], layout.Bars.Select(bar => bar.Row));
        Assert.Equal([true, false, true, true], layout.Bars.Select(bar => bar.Task.Critical));
        Assert.Equal(10, layout.TodayX);
    }

    [Fact]
    public void Arrows_leave_and_enter_the_ends_their_type_names_and_critical_links_are_marked()
    {
        var layout = new TimelineLayout(Schedule with
        {
            Dependencies = [new("P-1", "P-2", "finish-to-start", 0), new("P-1", "P-3", "start-to-start", 0), new("P-3", "P-4", "finish-to-finish", 0)],
        }, [Project], dayWidth: 10, rowHeight: 28, today: Start);

        // Finish to start with no gap: out past A's end, along the row boundary back before B's start, and in.
        Assert.Equal("M40 14H46V28H34V42H40", layout.Arrows[0].Path);
        Assert.False(layout.Arrows[0].Critical);
        // Start to start: out to the left of A's start and straight down into C's start.
        Assert.Equal("M10 14H4V70H40", layout.Arrows[1].Path);
        // Finish to finish: from C's end to D's end, which lies behind the stub: round it and enter from the right.
        Assert.Equal("M100 70H106V84H116V98H110", layout.Arrows[2].Path);
        Assert.True(layout.Arrows[2].Critical);
    }

    [Fact]
    public void Days_nobody_works_are_shaded_in_runs_and_a_holiday_of_one_project_is_not_off_for_the_other()
    {
        var withHoliday = Project with { Holidays = [Day(5)] };
        var other = Project with { Key = "Q" };

        var one = new TimelineLayout(Schedule, [withHoliday], dayWidth: 10, rowHeight: 28, today: Start);
        var both = new TimelineLayout(Schedule, [withHoliday, other], dayWidth: 10, rowHeight: 28, today: Start);

        Assert.Equal(18, one.Days); // to the latest date, and a week of margin
        Assert.Equal([(0.0, 10.0), (20, 10), (60, 20), (130, 20)], one.OffDays.Select(o => (o.X, o.Width)));
        Assert.Equal([(0.0, 10.0), (60, 20), (130, 20)], both.OffDays.Select(o => (o.X, o.Width)));
        Assert.Equal([(0.0, "Jan 2027")], one.Months.Select(m => (m.X, m.Label)));
    }

    [Fact]
    public void A_milestone_is_a_point_a_start_date_is_marked_and_a_drag_snaps_to_whole_days()
    {
        var milestone = Task("P-5", 0, 3, Day(13), Day(13), Day(18), Day(18)) with { StartNoEarlierThan = Day(11) };
        var layout = new TimelineLayout(Schedule with { Tasks = [milestone], Dependencies = [] }, [Project], dayWidth: 10, rowHeight: 28, today: Day(1));

        var bar = layout.Bars.Single();
        Assert.True(bar.IsMilestone);
        Assert.Equal((100, 0, 50), (bar.X, bar.Width, bar.FloatWidth));
        Assert.Equal(80, bar.ConstraintX);
        Assert.Null(layout.TodayX); // before the chart starts
        Assert.Equal("P-5 Task P-5: milestone on 13 Jan 2027, 3 days of float, not before 11 Jan", bar.Label);
        Assert.Equal(2, layout.DaysFor(16));
        Assert.Equal(-1, layout.DaysFor(-12));
    }

    private static DateOnly Day(int january) => new(2027, 1, january);

    private static ScheduledTaskView Task(string key, double duration, double totalFloat, DateOnly earlyStart, DateOnly earlyFinish, DateOnly lateStart, DateOnly lateFinish) =>
        new(key, $"Task {key}", duration, totalFloat, totalFloat, totalFloat == 0, earlyStart, earlyFinish, lateStart, lateFinish, null);

    [Fact]
    public void A_window_of_rows_draws_its_bars_and_every_arrow_that_crosses_it()
    {
        var layout = new TimelineLayout(Schedule, [Project], dayWidth: 10, rowHeight: 28, today: Start);
        var middle = new RowWindow(1, 2);

        Assert.Equal(["P-2", "P-3"], layout.BarsIn(middle).Select(bar => bar.Task.Key));
        // P-1 → P-2 ends in it, P-3 → P-4 leaves it; all four arrows touch rows 1 and 2.
        Assert.Equal(4, layout.ArrowsIn(middle).Count());
        // P-1 → P-3 runs from row 0 to row 2, across row 1, with neither end in a window of row 1 alone.
        Assert.Contains(layout.ArrowsIn(new RowWindow(1, 1)), arrow => arrow.Dependency.Successor == "P-3" && arrow.Dependency.Predecessor == "P-1");
        Assert.DoesNotContain(layout.ArrowsIn(new RowWindow(3, 3)), arrow => arrow.BottomRow < 3);
    }

    [Fact]
    public void The_window_reaches_a_margin_beyond_the_rows_in_view_and_stays_inside_the_timeline()
    {
        Assert.Equal(new RowWindow(0, 79), RowWindow.Initial(2000));
        Assert.Equal(new RowWindow(0, 3), RowWindow.Initial(4));
        Assert.Equal(new RowWindow(1000 - RowWindow.Margin, 1025 + RowWindow.Margin), RowWindow.Around(1000, 1025, 2000));
        Assert.Equal(new RowWindow(0, 1999), RowWindow.Around(10, 1990, 2000));
        Assert.Equal(new RowWindow(2000 - 2 * RowWindow.Margin, 1999), RowWindow.Around(1999, 2020, 2000));
        // A shorter timeline after a redraw: the window moves inside it, whole.
        Assert.Equal(new RowWindow(0, 9), RowWindow.Around(500, 520, 10));
    }
}
