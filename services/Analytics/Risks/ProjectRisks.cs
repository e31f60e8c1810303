using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;

namespace Platform.Analytics.Risks;

/// <summary>A project's risks as of now, from its flow records.</summary>
public sealed class ProjectRisks(AnalyticsDbContext db, TimeProvider clock)
{
    public async Task<ProjectRiskView> AssessAsync(FlowProject project, CancellationToken cancellationToken)
    {
        // The open tasks and the record of the weeks assessed, with the project's first task, whose creation tells the
        // project's age: not its whole history, which a large project would read again on every event.
        var now = clock.GetUtcNow();
        var since = now.AddDays(-7 * (RiskAssessment.HistoryWeeks + 1));
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == project.Id && ((t.Category != StateCategories.Done && t.Category != StateCategories.Cancelled)
                || t.CreatedAt >= since || t.DoneAt >= since || t.CancelledAt >= since))
            .ToListAsync(cancellationToken);
        if (await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken) is { } first
            && tasks.All(t => t.Id != first.Id))
        {
            tasks.Add(first);
        }
        var open = tasks.Where(t => !StateCategories.IsClosed(t.Category)).Select(t => t.Id).ToList();
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => open.Contains(d.SuccessorId)).ToListAsync(cancellationToken);
        return RiskAssessment.Assess(project, tasks, dependencies, now);
    }
}
