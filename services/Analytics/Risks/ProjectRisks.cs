using Microsoft.EntityFrameworkCore;
using Platform.Analytics.Data;
using Platform.Analytics.Flow;

namespace Platform.Analytics.Risks;

/// <summary>A project's risks as of now, from its flow records.</summary>
public sealed class ProjectRisks(AnalyticsDbContext db, TimeProvider clock)
{
    public async Task<ProjectRiskView> AssessAsync(FlowProject project, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken);
        var open = tasks.Where(t => !StateCategories.IsClosed(t.Category)).Select(t => t.Id).ToList();
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => open.Contains(d.SuccessorId)).ToListAsync(cancellationToken);
        return RiskAssessment.Assess(project, tasks, dependencies, clock.GetUtcNow());
    }
}
