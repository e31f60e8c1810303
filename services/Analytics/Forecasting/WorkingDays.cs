namespace Platform.Analytics.Forecasting;

/// <summary>Days of work counted Monday to Friday.</summary>
public static class WorkingDays
{
    /// <summary>The working day on which <paramref name="days"/> days of work started on <paramref name="start"/> end (part days round up).</summary>
    public static DateOnly After(DateOnly start, double days)
    {
        var left = Math.Max(1, (int)Math.Ceiling(days - 1e-9));
        var day = start;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        for (left--; left > 0; left--)
        {
            do
            {
                day = day.AddDays(1);
            }
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        }
        return day;
    }
}
