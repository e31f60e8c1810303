using System.Globalization;
using Platform.Web.Api;

namespace Platform.Web.Components.Gantt;

/// <summary>One task's row: its bar from the early start to the early finish, and its total float drawn after it.</summary>
public sealed record TimelineBar(
    ScheduledTaskView Task, int Row, double X, double Width, double FloatWidth, double? ConstraintX)
{
    public double Y(double rowHeight) => Row * rowHeight;

    public bool IsMilestone => Task.DurationDays <= 0;

    public string Label =>
        $"{Task.Key} {Task.Title}: {Dates(Task)}, " +
        (Task.Critical ? "on the critical path" : $"{Days(Task.TotalFloat)} of float") +
        (Task.StartNoEarlierThan is { } constraint ? $", not before {constraint:d MMM}" : "");

    private static string Dates(ScheduledTaskView task) =>
        task.DurationDays <= 0 ? $"milestone on {task.EarlyStartDate:d MMM yyyy}" : $"{task.EarlyStartDate:d MMM} to {task.EarlyFinishDate:d MMM yyyy}";

    public static string Days(double days) =>
        (Math.Round(days, 1) is var rounded && rounded == 1 ? "1 day" : $"{rounded.ToString(CultureInfo.InvariantCulture)} days");
}

/// <summary>A dependency's arrow, from the predecessor's start or finish to the successor's, as an SVG path, spanning the rows between them.</summary>
public sealed record TimelineArrow(DependencyView Dependency, string Path, bool Critical, int TopRow, int BottomRow);

/// <summary>A month's label in the header.</summary>
public sealed record TimelineMonth(double X, string Label);

/// <summary>A run of days nobody works (weekends, holidays), shaded.</summary>
public sealed record TimelineOffDays(double X, double Width);

/// <summary>
/// The geometry of a timeline (Gantt chart) from the server's critical-path answer: calendar days run left to right
/// from the day before the schedule's start (room for arrows that leave a bar's start), one row per task in the answer's order (projects, then task numbers), so a redraw after a
/// change moves bars but never rows. Pure arithmetic, so the drawing is tested without a browser.
/// </summary>
public sealed class TimelineLayout
{
    /// <summary>How far an arrow leaves a bar's end before it turns.</summary>
    public const double Stub = 6;

    public TimelineLayout(ScheduleView schedule, IReadOnlyCollection<ProjectView> projects, double dayWidth, double rowHeight, DateOnly today)
    {
        (Schedule, DayWidth, RowHeight, Origin) = (schedule, dayWidth, rowHeight, schedule.StartDate.AddDays(-1));
        var last = schedule.Tasks.Select(t => t.LateFinishDate).Append(schedule.FinishDate).Max();
        // A week of margin after the latest date, so the last bar and the finish line are not on the edge.
        Days = last.DayNumber - Origin.DayNumber + 8;
        Bars = [.. schedule.Tasks.Select((task, row) => BarOf(task, row))];
        var byKey = Bars.ToDictionary(b => b.Task.Key);
        Arrows = [.. schedule.Dependencies
            .Where(d => byKey.ContainsKey(d.Predecessor) && byKey.ContainsKey(d.Successor))
            .Select(d => ArrowOf(d, byKey[d.Predecessor], byKey[d.Successor]))];
        FinishX = XOf(schedule.FinishDate.AddDays(1));
        TodayX = today >= Origin && today.DayNumber - Origin.DayNumber < Days ? XOf(today) : null;
        Months = [.. MonthsOf()];
        OffDays = [.. OffDaysOf(projects)];
    }

    public ScheduleView Schedule { get; }

    /// <summary>The chart's first day, at x = 0.</summary>
    public DateOnly Origin { get; }

    public double DayWidth { get; }

    public double RowHeight { get; }

    /// <summary>Calendar days the chart spans.</summary>
    public int Days { get; }

    public double Width => Days * DayWidth;

    public double Height => Math.Max(1, Bars.Count) * RowHeight;

    public IReadOnlyList<TimelineBar> Bars { get; }

    public IReadOnlyList<TimelineArrow> Arrows { get; }

    /// <summary>The end of the projected finish day.</summary>
    public double FinishX { get; }

    public double? TodayX { get; }

    public IReadOnlyList<TimelineMonth> Months { get; }

    public IReadOnlyList<TimelineOffDays> OffDays { get; }

    /// <summary>The bars of the rows in <paramref name="window"/> (a bar's row is its place in <see cref="Bars"/>).</summary>
    public IEnumerable<TimelineBar> BarsIn(RowWindow window) => Bars.Skip(window.First).Take(window.Last - window.First + 1);

    /// <summary>The arrows that cross <paramref name="window"/>.</summary>
    public IEnumerable<TimelineArrow> ArrowsIn(RowWindow window) => Arrows.Where(arrow => window.Crosses(arrow.TopRow, arrow.BottomRow));

    public double XOf(DateOnly date) => (date.DayNumber - Origin.DayNumber) * DayWidth;

    /// <summary>Whole days a drag of <paramref name="pixels"/> moves a bar by.</summary>
    public int DaysFor(double pixels) => (int)Math.Round(pixels / DayWidth);

    private TimelineBar BarOf(ScheduledTaskView task, int row)
    {
        var x = XOf(task.EarlyStartDate);
        if (task.DurationDays <= 0)
        {
            return new TimelineBar(task, row, x, 0, task.TotalFloat > 0 ? XOf(task.LateStartDate) - x : 0, ConstraintOf(task));
        }
        var end = XOf(task.EarlyFinishDate.AddDays(1));
        var floatWidth = task.TotalFloat > 0 ? Math.Max(0, XOf(task.LateFinishDate.AddDays(1)) - end) : 0;
        return new TimelineBar(task, row, x, end - x, floatWidth, ConstraintOf(task));
    }

    private double? ConstraintOf(ScheduledTaskView task) => task.StartNoEarlierThan is { } date ? XOf(date) : null;

    /// <summary>
    /// Finish-to-start leaves the predecessor's end for the successor's start, start-to-start start for start, and so on.
    /// The arrow goes out a stub, down (or up) to the successor's row and in; when the successor's end lies behind the
    /// stub, it turns along the row boundary first, so it never crosses a bar to get in.
    /// </summary>
    private TimelineArrow ArrowOf(DependencyView dependency, TimelineBar from, TimelineBar to)
    {
        var fromEnd = dependency.Type is "finish-to-start" or "finish-to-finish";
        var toEnd = dependency.Type is "finish-to-finish" or "start-to-finish";
        var startX = fromEnd ? from.X + from.Width : from.X;
        var targetX = toEnd ? to.X + to.Width : to.X;
        var startY = from.Y(RowHeight) + RowHeight / 2;
        var targetY = to.Y(RowHeight) + RowHeight / 2;
        var exitX = fromEnd ? startX + Stub : startX - Stub;
        var entryX = toEnd ? targetX + Stub : targetX - Stub;
        var straight = toEnd ? exitX >= entryX : exitX <= entryX;
        var path = straight
            ? $"M{N(startX)} {N(startY)}H{N(exitX)}V{N(targetY)}H{N(targetX)}"
            : $"M{N(startX)} {N(startY)}H{N(exitX)}V{N(targetY + (targetY > startY ? -1 : 1) * RowHeight / 2)}H{N(entryX)}V{N(targetY)}H{N(targetX)}";
        return new TimelineArrow(dependency, path, from.Task.Critical && to.Task.Critical, Math.Min(from.Row, to.Row), Math.Max(from.Row, to.Row));
    }

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private IEnumerable<TimelineMonth> MonthsOf()
    {
        var start = Origin;
        for (var month = new DateOnly(start.Year, start.Month, 1); month.DayNumber - start.DayNumber < Days; month = month.AddMonths(1))
        {
            var first = month < start ? start : month;
            yield return new TimelineMonth(XOf(first), month.ToString("MMM yyyy", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Days none of the projects works, in runs (a weekend is one rectangle, not two).</summary>
    private IEnumerable<TimelineOffDays> OffDaysOf(IReadOnlyCollection<ProjectView> projects)
    {
        if (projects.Count == 0)
        {
            yield break;
        }
        var holidays = projects.Select(p => p.Holidays.ToHashSet()).ToList();
        var working = projects.Select(p => p.WorkingDays.ToHashSet()).ToList();
        bool IsOff(DateOnly day) => Enumerable.Range(0, projects.Count).All(i => !working[i].Contains(day.DayOfWeek) || holidays[i].Contains(day));
        int? runStart = null;
        for (var offset = 0; offset <= Days; offset++)
        {
            var off = offset < Days && IsOff(Origin.AddDays(offset));
            if (off && runStart is null)
            {
                runStart = offset;
            }
            else if (!off && runStart is { } first)
            {
                yield return new TimelineOffDays(first * DayWidth, (offset - first) * DayWidth);
                runStart = null;
            }
        }
    }
}
