using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Portfolio;

/// <summary>A project of the caller's organization by its key, any case (row-level security keeps to the organization).</summary>
public static class ProjectFinder
{
    /// <summary>The project, read-only, or null.</summary>
    public static async Task<Project?> FindAsync(ProjectsDbContext db, string key, CancellationToken cancellationToken)
    {
        var projectKey = key.ToUpperInvariant();
        return await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
    }

    /// <summary>The project, tracked and locked until the transaction ends, or null.</summary>
    public static async Task<Project?> FindForUpdateAsync(ProjectsDbContext db, string key, CancellationToken cancellationToken)
    {
        var projectKey = key.ToUpperInvariant();
        return await db.Projects.FromSql($"SELECT *, xmin FROM projects WHERE key = {projectKey} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
    }
}
