namespace Platform.Scheduling;

/// <summary>
/// Turns the schedule's working-day offsets into dates: day 0 is the first working day on or after the start;
/// weekends (the days that are not working days) and holidays are skipped.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly List<DateOnly> _days = [];
    private DateOnly _next;

    public WorkingCalendar(DateOnly start, IEnumerable<DayOfWeek> workingDays, IEnumerable<DateOnly> holidays)
    {
        _workingDays = [.. workingDays];
        _holidays = [.. holidays];
        if (_workingDays.Count == 0)
        {
            throw new ArgumentException("A calendar needs at least one working day a week.", nameof(workingDays));
        }

        _next = start;
    }

    /// <summary>The date of working day <paramref name="index"/> (0-based).</summary>
    public DateOnly Day(int index)
    {
        while (_days.Count <= index)
        {
            if (_workingDays.Contains(_next.DayOfWeek) && !_holidays.Contains(_next))
            {
                _days.Add(_next);
            }

            _next = _next.AddDays(1);
        }

        return _days[index];
    }

    /// <summary>The offset of the first working day on or after <paramref name="date"/> (0 for a date before the start).</summary>
    public int OffsetOf(DateOnly date)
    {
        var index = 0;
        while (Day(index) < date)
        {
            index++;
        }

        return index;
    }

    /// <summary>The day work starting at <paramref name="offset"/> working days begins on.</summary>
    public DateOnly StartDate(double offset) => Day((int)Math.Floor(Math.Max(0, offset) + CriticalPath.Tolerance));

    /// <summary>The last day of work that runs from <paramref name="start"/> to <paramref name="finish"/> (a milestone: its start day).</summary>
    public DateOnly FinishDate(double start, double finish) =>
        finish - start <= CriticalPath.Tolerance
            ? StartDate(start)
            : Day(Math.Max(0, (int)Math.Ceiling(finish - CriticalPath.Tolerance) - 1));
}
