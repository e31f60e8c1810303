using System.Globalization;

namespace Platform.Web.Components.Forecast;

/// <summary>Days and counts to SVG coordinates inside a chart's plotting area.</summary>
public sealed class ChartScale(DateOnly first, DateOnly last, double maxValue, double left, double top, double width, double height)
{
    public double Left => left;

    public double Top => top;

    public double Right => left + width;

    public double Bottom => top + height;

    public double X(DateOnly day) => left + width * (day.DayNumber - first.DayNumber) / Math.Max(1, last.DayNumber - first.DayNumber);

    public double Y(double value) => top + height - height * value / Math.Max(1, maxValue);

    /// <summary>An SVG number: invariant, two decimals at most.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);
}
