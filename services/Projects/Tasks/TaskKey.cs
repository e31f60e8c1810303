using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>A task's human key, <c>{project key}-{number}</c> (e.g. <c>PLAT-12</c>).</summary>
public readonly record struct TaskKey(string ProjectKey, int Number)
{
    public override string ToString() => $"{ProjectKey}-{Number}";

    public static TaskKey? Parse(string? key)
    {
        var dash = key?.LastIndexOf('-') ?? -1;
        return dash > 0 && int.TryParse(key.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new TaskKey(key![..dash].ToUpperInvariant(), number)
            : null;
    }

    /// <summary>The task with this key in the caller's organization (row-level security sees to that), or null.</summary>
    public static async Task<ProjectTask?> FindAsync(ProjectsDbContext db, string? key, CancellationToken cancellationToken)
    {
        if (Parse(key) is not { } parsed)
        {
            return null;
        }

        return await db.Tasks.Include(t => t.Project)
            .SingleOrDefaultAsync(t => t.Project!.Key == parsed.ProjectKey && t.Number == parsed.Number, cancellationToken);
    }
}
