using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;

namespace Platform.Projects.Automation;

/// <summary>
/// Every <c>Automation:DueDateScanInterval</c> (a minute unless set), runs the due-date rules on the unfinished
/// tasks of their project due within the rule's days, once per rule, task and due date (moving the due date
/// makes a new occasion). Each organization is scanned as itself, in a transaction of its own.
/// </summary>
public sealed class DueDateScan(IServiceScopeFactory scopes, TenantContext tenant, TimeProvider clock, IConfiguration configuration, ILogger<DueDateScan> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Automation:DueDateScanInterval", TimeSpan.FromMinutes(1));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "The due-date scan failed; it runs again in {Interval}", interval);
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organizations = await scope.ServiceProvider.GetRequiredService<ProjectsDbContext>().DueDateWatches.AsNoTracking()
                .Select(w => w.OrganizationId).Distinct().ToListAsync(cancellationToken);
        }

        foreach (var organization in organizations)
        {
            using (tenant.Enter(organization))
            {
                await ScanOrganizationAsync(cancellationToken);
            }
        }
    }

    private async Task ScanOrganizationAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProjectsDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<RuleEngine>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One replica scans an organization at a time; the others skip it until their next tick.
        var organization = tenant.RequiredOrganizationId.ToString();
        if (!(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext('due-date-scan:' || {organization})) AS \"Value\"").ToListAsync(cancellationToken)).Single())
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The same for a task and due date on every scan, so a run is recorded once.</summary>
    private static Guid OccasionId(Guid taskId, DateOnly dueDate) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"due:{taskId}:{dueDate:yyyy-MM-dd}")).AsSpan(0, 16));
}
