using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;

namespace Platform.Analytics.Forecasting;

/// <summary>A kept forecast whose work is all done or cancelled, with the day the last of it closed.</summary>
public sealed record ResolvedForecast(Guid Id, DateTimeOffset MadeAt, string Method, DateOnly P50, DateOnly P85, DateOnly P95, DateOnly Actual);

/// <summary>A kept "how many by a day" forecast whose day has passed, with how many tasks of its filter were done from when it was made to the end of that day.</summary>
public sealed record ResolvedCountForecast(Guid Id, DateTimeOffset MadeAt, DateOnly By, int P50, int P85, int P95, int Actual);

/// <summary>
/// How the project's "how many by a day" forecasts came out: of those whose day has passed, the share where at least
/// the P85 count (and the P95 count) was done, and how many tasks P50 was off on average.
/// </summary>
public sealed record CountCalibrationView(int Made, int Resolved, double? P50MeanAbsoluteError, double? P85HitRate, double? P95HitRate, IReadOnlyList<ResolvedCountForecast> Recent);

/// <summary>
/// How the project's forecasts came out: of the "when" forecasts whose work has closed, the share that closed by their
/// P85 and P95 dates (a calibrated forecaster scores 80–90 % and about 95 %), and how far P50 was off; the same for
/// its "how many" forecasts in <see cref="HowMany"/>.
/// </summary>
public sealed record CalibrationView(
    string Project, int Made, int Resolved, double? P50MeanAbsoluteErrorDays, double? P85HitRate, double? P95HitRate, IReadOnlyList<ResolvedForecast> Recent,
    CountCalibrationView HowMany);

public sealed class ForecastCalibration(AnalyticsDbContext db, TimeProvider clock)
{
    private const int Considered = 500;

    public async Task<CalibrationView> ReadAsync(FlowProject project, CancellationToken cancellationToken)
    {
        var howMany = await ReadCountsAsync(project, cancellationToken);
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
            ? new CalibrationView(project.Key, forecasts.Count, 0, null, null, null, [], howMany)
            : new CalibrationView(project.Key, forecasts.Count, resolved.Count,
                Math.Round(resolved.Average(r => Math.Abs(r.Actual.DayNumber - r.P50.DayNumber)), 1),
                resolved.Count(r => r.Actual <= r.P85) / (double)resolved.Count,
                resolved.Count(r => r.Actual <= r.P95) / (double)resolved.Count,
                [.. resolved.Take(20)], howMany);
    }

    private async Task<CountCalibrationView> ReadCountsAsync(FlowProject project, CancellationToken cancellationToken)
    {
        var forecasts = await db.CountForecasts.AsNoTracking().Where(f => f.ProjectId == project.Id).OrderByDescending(f => f.MadeAt).Take(Considered)
            .ToListAsync(cancellationToken);
        var today = FlowMetrics.Day(clock.GetUtcNow());
        var due = forecasts.Where(f => f.By < today).ToList();
        if (due.Count == 0)
        {
            return new CountCalibrationView(forecasts.Count, 0, null, null, null, []);
        }
        var earliest = due.Min(f => f.MadeAt);
        var done = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id && t.DoneAt >= earliest).ToListAsync(cancellationToken);
        var resolved = due.Select(forecast => new ResolvedCountForecast(forecast.Id, forecast.MadeAt, forecast.By, forecast.P50, forecast.P85, forecast.P95,
            new FlowFilter(forecast.Label, forecast.Assignee, forecast.Parent).Apply(done.AsQueryable())
                .Count(t => t.DoneAt >= forecast.MadeAt && FlowMetrics.Day(t.DoneAt.Value) <= forecast.By))).ToList();
        return new CountCalibrationView(forecasts.Count, resolved.Count,
            Math.Round(resolved.Average(r => Math.Abs(r.Actual - r.P50)), 1),
            resolved.Count(r => r.Actual >= r.P85) / (double)resolved.Count,
            resolved.Count(r => r.Actual >= r.P95) / (double)resolved.Count,
            [.. resolved.Take(20)]);
    }
}
