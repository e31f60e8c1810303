using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Automation;

public enum RuleChangeStatus
{
    Done,
    NotFound,
    TooMany,
    VersionChanged,
}

/// <summary>The rule created or replaced, or why not; <see cref="ProjectKey"/> is its project's key as stored.</summary>
public sealed record RuleChange(RuleChangeStatus Status, AutomationRule? Rule = null, string? ProjectKey = null);

/// <summary>A project's automation rules: kept here, run by <see cref="RuleEngine"/>.</summary>
public sealed class ProjectRules(ProjectsDbContext db, ProjectCache projects, TimeProvider clock)
{
    public const int MaxPerProject = 100;

    public async Task<RuleChange> CreateAsync(string projectKey, RuleInput input, string createdBy, CancellationToken cancellationToken)
    {
        if (await ProjectFinder.FindAsync(db, projectKey, cancellationToken) is not { } project)
        {
            return new(RuleChangeStatus.NotFound);
        }

        if (await db.Rules.CountAsync(r => r.ProjectId == project.Id, cancellationToken) >= MaxPerProject)
        {
            return new(RuleChangeStatus.TooMany);
        }

        var rule = new AutomationRule
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Name = "",
            Trigger = "",
            Conditions = "",
            Actions = "",
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        };
        RuleJson.Write(rule, input);
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await WatchDueDatesAsync(rule, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return new(RuleChangeStatus.Done, rule, project.Key);
    }

    /// <summary>The project's rules, oldest first; null when there is no such project.</summary>
    public async Task<List<AutomationRule>?> ListAsync(string projectKey, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(projectKey, cancellationToken) is not { } project)
        {
            return null;
        }

        return await db.Rules.AsNoTracking().Where(r => r.ProjectId == project.Id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The rule, tracked, when it belongs to the project; otherwise null.</summary>
    public async Task<AutomationRule?> FindAsync(string projectKey, Guid id, CancellationToken cancellationToken)
    {
        var key = projectKey.ToUpperInvariant();
        return await db.Rules.SingleOrDefaultAsync(r => r.Id == id && db.Projects.Any(p => p.Id == r.ProjectId && p.Key == key), cancellationToken);
    }

    /// <summary>
    /// Replaces the rule's definition; refused when its version fails <paramref name="versionHolds"/> (the caller's
    /// If-Match) or someone else saves it first.
    /// </summary>
    public async Task<RuleChange> ReplaceAsync(string projectKey, Guid id, RuleInput input, Func<uint, bool> versionHolds, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectKey, id, cancellationToken) is not { } rule)
        {
            return new(RuleChangeStatus.NotFound);
        }

        if (!versionHolds(rule.Version))
        {
            return new(RuleChangeStatus.VersionChanged);
        }

        RuleJson.Write(rule, input);
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await WatchDueDatesAsync(rule, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(RuleChangeStatus.VersionChanged);
        }

        return new(RuleChangeStatus.Done, rule);
    }

    public async Task<bool> DeleteAsync(string projectKey, Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectKey, id, cancellationToken) is not { } rule)
        {
            return false;
        }

        db.Rules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The rule's latest runs (1 to 200), newest first; null when there is no such rule.</summary>
    public async Task<RuleRunView[]?> RunsAsync(string projectKey, Guid id, int limit, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectKey, id, cancellationToken) is not { } rule)
        {
            return null;
        }

        return await db.RuleRuns.AsNoTracking().Where(r => r.RuleId == rule.Id).OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 200))
            .Select(r => new RuleRunView(r.Id, db.Tasks.Where(t => t.Id == r.TaskId).Select(t => t.Project!.Key + "-" + t.Number).FirstOrDefault() ?? "(deleted)", r.At, r.Outcome, r.Depth, r.Detail))
            .ToArrayAsync(cancellationToken);
    }

    /// <summary>Lists the rule for the due-date scan while it is enabled with a due-date trigger.</summary>
    private async Task WatchDueDatesAsync(AutomationRule rule, CancellationToken cancellationToken)
    {
        var watched = rule.Enabled && RuleJson.Read(rule).Trigger!.Type == TriggerType.DueDateApproaching;
        await db.DueDateWatches.Where(w => w.RuleId == rule.Id).ExecuteDeleteAsync(cancellationToken);
        if (watched)
        {
            db.DueDateWatches.Add(new DueDateWatch { RuleId = rule.Id, OrganizationId = rule.OrganizationId });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
