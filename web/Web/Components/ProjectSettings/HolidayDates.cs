using System.Globalization;

namespace Platform.Web.Components.ProjectSettings;

/// <summary>Holidays as a person types them: one date per line (commas work too), blank lines ignored.</summary>
public static class HolidayDates
{
    /// <summary>The dates in order without repeats, or null when a line is not a yyyy-mm-dd date.</summary>
    public static DateOnly[]? Parse(string text)
    {
        var dates = new SortedSet<DateOnly>();
        foreach (var line in text.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(line, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return null;
            }
            dates.Add(date);
        }
        return [.. dates];
    }
}
