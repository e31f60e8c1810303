using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;

namespace Platform.Projects.Automation;

/// <summary>
/// Every <c>Automation:DueDateScanInterval</c> (a minute unless set), runs the due-date rules on the unfinished
/// tasks of their project due within the rule's days, once per rule, task and due date (moving the due date
/// makes a new occasion), in each organization that has such rules.
/// </summary>
public sealed class DueDateScan(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, IConfiguration configuration, ILogger<DueDateScan> logger)
    : OrganizationScan<ProjectsDbContext>(scopes, tenant, clock, logger)
{
    protected override string Name => "due-date-scan";

    protected override TimeSpan Interval => configuration.GetValue("Automation:DueDateScanInterval", TimeSpan.FromMinutes(1));

    protected override Task<List<Guid>> OrganizationsAsync(ProjectsDbContext db, CancellationToken cancellationToken) =>
        db.DueDateWatches.AsNoTracking().Select(w => w.OrganizationId).Distinct().ToListAsync(cancellationToken);

    protected override async Task ScanOrganizationAsync(IServiceProvider services, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<RuleEngine>();
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var rules = await db.Rules.AsNoTracking().Where(r => r.Enabled && db.DueDateWatches.Any(w => w.RuleId == r.Id)).ToListAsync(cancellationToken);
        foreach (var rule in rules)
        {
            var input = RuleJson.Read(rule);
            var until = today.AddDays(input.Trigger!.Days ?? 0);
            var due = await db.Tasks.AsNoTracking()
                .Where(t => t.ProjectId == rule.ProjectId && t.DueDate >= today && t.DueDate <= until
                    && t.State!.Category != StateCategory.Done && t.State.Category != StateCategory.Cancelled)
                .Select(t => new { t.Id, DueDate = t.DueDate!.Value })
                .ToListAsync(cancellationToken);
            foreach (var task in due)
            {
                var occasion = OccasionId(task.Id, task.DueDate);
                if (!await db.RuleRuns.AnyAsync(r => r.RuleId == rule.Id && r.TaskId == task.Id && r.EventId == occasion, cancellationToken))
                {
                    await engine.RunRuleAsync(rule, input, new RuleOccasion(TriggerType.DueDateApproaching, task.Id, occasion, AutomationDepth: 0), cancellationToken);
                }
            }
        }
    }

    /// <summary>The same for a task and due date on every scan, so a run is recorded once.</summary>
    private static Guid OccasionId(Guid taskId, DateOnly dueDate) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"due:{taskId}:{dueDate:yyyy-MM-dd}")).AsSpan(0, 16));
}
