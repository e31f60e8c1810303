using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Portfolio;

public enum ProjectChangeStatus
{
    Done,
    NotFound,
    KeyTaken,
    VersionChanged,
    Invalid,
}

/// <summary>The project as changed, or why not; <see cref="Errors"/> name the fields a patch got wrong.</summary>
public sealed record ProjectChange(ProjectChangeStatus Status, Project? Project = null, Dictionary<string, string[]>? Errors = null);

/// <summary>
/// The organization's projects: created with the default workflow and their creator as lead, changed, archived and
/// deleted here. Every change, creation included, is announced (<see cref="ProjectChanged"/>), and the cached copy is dropped.
/// </summary>
public sealed class ProjectCatalog(ProjectsDbContext db, TenantContext tenant, ProjectCache projects, TimeProvider clock)
{
    /// <summary>A new project with key <paramref name="key"/> (upper case) from validated input.</summary>
    public async Task<ProjectChange> CreateAsync(string key, ProjectInput input, string creatorId, CancellationToken cancellationToken)
    {
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            Key = key,
            Name = "",
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(project, input, project.CreatedAt);
        // A new project's tasks follow their pull requests into review and to done, unless the input says otherwise.
        project.PullRequestOpenedState ??= "In Review";
        project.PullRequestMergedState ??= "Done";
        db.Projects.Add(project);
        db.States.AddRange(WorkflowState.Defaults.Select((state, position) => new WorkflowState
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Name = state.Name,
            Category = state.Category,
            Position = position,
        }));
        if (Guid.TryParse(creatorId, out var creator))
        {
            db.Members.Add(new ProjectMember { ProjectId = project.Id, UserId = creator, OrganizationId = project.OrganizationId, Role = MemberRole.Lead, AddedAt = project.CreatedAt });
        }

        db.AddIntegrationEvent(Changed(project));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new(ProjectChangeStatus.KeyTaken);
        }

        return new(ProjectChangeStatus.Done, project);
    }

    /// <summary>The organization's projects by key; archived ones only when asked for.</summary>
    public Task<List<Project>> ListAsync(bool includeArchived, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().Where(p => includeArchived || p.ArchivedAt == null).OrderBy(p => p.Key).ToListAsync(cancellationToken);

    /// <summary>
    /// Applies a merge patch of the settable fields to the project, locked, when its version satisfies
    /// <paramref name="versionHolds"/> (the caller's If-Match).
    /// </summary>
    public async Task<ProjectChange> UpdateAsync(string key, JsonObject patch, Func<uint, bool> versionHolds, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return new(ProjectChangeStatus.NotFound);
        }

        if (!versionHolds(project.Version))
        {
            return new(ProjectChangeStatus.VersionChanged);
        }

        if (!JsonBody.TryPatch<ProjectInput>(ProjectView.Of(project), patch, ProjectInput.SettableFields, out var input, out var fieldErrors))
        {
            return new(ProjectChangeStatus.Invalid, Errors: fieldErrors);
        }

        if (input.Validate() is { Count: > 0 } errors)
        {
            return new(ProjectChangeStatus.Invalid, Errors: errors);
        }

        var states = await db.States.Where(s => s.ProjectId == project.Id).OrderBy(s => s.Position).Select(s => s.Name).ToListAsync(cancellationToken);
        if (input.ValidateStates(states) is { Count: > 0 } stateErrors)
        {
            return new(ProjectChangeStatus.Invalid, Errors: stateErrors);
        }

        Apply(project, input, clock.GetUtcNow());
        db.AddIntegrationEvent(Changed(project));
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        await projects.ForgetAsync(project.OrganizationId, project.Key, cancellationToken);
        return new(ProjectChangeStatus.Done, project);
    }

    /// <summary>
    /// Deletes the project with its workflow and tasks (and their dependencies on tasks of other projects) when its
    /// version satisfies <paramref name="versionHolds"/>.
    /// </summary>
    public async Task<ProjectChangeStatus> DeleteAsync(string key, Func<uint, bool> versionHolds, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await ProjectFinder.FindForUpdateAsync(db, key, cancellationToken) is not { } project)
        {
            return ProjectChangeStatus.NotFound;
        }

        if (!versionHolds(project.Version))
        {
            return ProjectChangeStatus.VersionChanged;
        }

        db.Projects.Remove(project);
        db.AddIntegrationEvent(new ProjectChanged(project.Id, project.Key, Deleted: true) { OrganizationId = project.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        await projects.ForgetAsync(project.OrganizationId, project.Key, cancellationToken);
        return ProjectChangeStatus.Done;
    }

    /// <summary>Puts validated input on the project; no working days means Monday to Friday.</summary>
    private static void Apply(Project project, ProjectInput input, DateTimeOffset now)
    {
        project.Name = input.Name!.Trim();
        project.Description = input.Description ?? "";
        project.StartDate = input.StartDate;
        project.WorkingDays = input.WorkingDays is { } days ? [.. days] : [.. Project.DefaultWorkingDays];
        project.Holidays = [.. (input.Holidays ?? []).Distinct().Order()];
        project.ArchivedAt = input.Archived is true ? project.ArchivedAt ?? now : null;
        project.PullRequestOpenedState = input.PullRequestOpenedState;
        project.PullRequestMergedState = input.PullRequestMergedState;
    }

    private static ProjectChanged Changed(Project project) => new(project.Id, project.Key, Deleted: false)
    {
        OrganizationId = project.OrganizationId,
        WorkingDays = project.WorkingDays,
        Holidays = project.Holidays,
    };
}
