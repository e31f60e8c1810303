using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;

namespace Platform.Analytics.Forecasting;

/// <summary>A kept forecast whose work is all done or cancelled, with the day the last of it closed.</summary>
public sealed record ResolvedForecast(Guid Id, DateTimeOffset MadeAt, string Method, DateOnly P50, DateOnly P85, DateOnly P95, DateOnly Actual);

/// <summary>
/// How the project's forecasts came out: of those whose work has closed, the share that closed by their P85 and P95
/// dates (a calibrated forecaster scores 80–90 % and about 95 %), and how far P50 was off.
/// </summary>
public sealed record CalibrationView(string Project, int Made, int Resolved, double? P50MeanAbsoluteErrorDays, double? P85HitRate, double? P95HitRate, IReadOnlyList<ResolvedForecast> Recent);

public sealed class ForecastCalibration(AnalyticsDbContext db)
{
    private const int Considered = 500;

    public async Task<CalibrationView> ReadAsync(FlowProject project, CancellationToken cancellationToken)
    {
        var forecasts = await db.Forecasts.AsNoTracking().Where(f => f.ProjectId == project.Id).OrderByDescending(f => f.MadeAt).Take(Considered)
            .ToListAsync(cancellationToken);
        var ids = forecasts.SelectMany(f => f.TaskIds).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Category, t.DoneAt, t.CancelledAt }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var resolved = new List<ResolvedForecast>();
        foreach (var forecast in forecasts)
        {
            // Deleted tasks drop out; the rest must all be closed for the outcome to be known.
            var covered = forecast.TaskIds.Where(tasks.ContainsKey).Select(id => tasks[id]).ToList();
            if (covered.Count == 0 || covered.Any(t => !StateCategories.IsClosed(t.Category)))
            {
                continue;
            }
            var actual = covered.Max(t => FlowMetrics.Day((t.DoneAt ?? t.CancelledAt)!.Value));
            resolved.Add(new ResolvedForecast(forecast.Id, forecast.MadeAt, forecast.Method, forecast.P50, forecast.P85, forecast.P95, actual));
        }
        return resolved.Count == 0
            ? new CalibrationView(project.Key, forecasts.Count, 0, null, null, null, [])
            : new CalibrationView(project.Key, forecasts.Count, resolved.Count,
                Math.Round(resolved.Average(r => Math.Abs(r.Actual.DayNumber - r.P50.DayNumber)), 1),
                resolved.Count(r => r.Actual <= r.P85) / (double)resolved.Count,
                resolved.Count(r => r.Actual <= r.P95) / (double)resolved.Count,
                [.. resolved.Take(20)]);
    }
}
