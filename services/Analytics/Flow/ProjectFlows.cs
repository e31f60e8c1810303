using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;

namespace Platform.Analytics.Flow;

/// <summary>A project's flow records as the caller's organization holds them: another organization's project is not found.</summary>
public sealed class ProjectFlows(AnalyticsDbContext db, TimeProvider clock)
{
    public Task<FlowProject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var upper = key.ToUpperInvariant();
        return db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Key == upper, cancellationToken);
    }

    public Task<List<FlowTask>> TasksAsync(FlowProject project, FlowFilter filter, CancellationToken cancellationToken) =>
        filter.Apply(db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id)).ToListAsync(cancellationToken);

    /// <summary>The flow metrics of the project's tasks that <paramref name="filter"/> keeps, over the last <paramref name="weeks"/>.</summary>
    public async Task<FlowMetricsView> MetricsAsync(FlowProject project, FlowFilter filter, int weeks, CancellationToken cancellationToken)
    {
        var tasks = await TasksAsync(project, filter, cancellationToken);
        var transitions = await db.Transitions.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken);
        return FlowMetrics.Of(project.Key, tasks, transitions, clock.GetUtcNow(), weeks);
    }
}
