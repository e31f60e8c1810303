using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>A task's human key, <c>{project key}-{number}</c> (e.g. <c>PLAT-12</c>).</summary>
public readonly record struct TaskKey(string ProjectKey, int Number)
{
    public override string ToString() => $"{ProjectKey}-{Number}";

    /// <summary>The key of a task loaded with its project.</summary>
    public static string Of(ProjectTask task) => new TaskKey(task.Project!.Key, task.Number).ToString();

    public static TaskKey? Parse(string? key)
    {
        var dash = key?.LastIndexOf('-') ?? -1;
        return dash > 0 && int.TryParse(key.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new TaskKey(key![..dash].ToUpperInvariant(), number)
            : null;
    }

    /// <summary>
    /// The task with this key in the caller's organization (row-level security sees to that) with its project,
    /// or null. <paramref name="forUpdate"/> locks its row until the transaction ends and reads it afresh.
    /// </summary>
    public static async Task<ProjectTask?> FindAsync(ProjectsDbContext db, string? key, CancellationToken cancellationToken, bool forUpdate = false)
    {
        if (Parse(key) is not { } parsed)
        {
            return null;
        }

        var task = await db.Tasks.Include(t => t.Project)
            .SingleOrDefaultAsync(t => t.Project!.Key == parsed.ProjectKey && t.Number == parsed.Number, cancellationToken);
        if (task is null || !forUpdate)
        {
            return task;
        }

        return await TaskUpdates.LockAsync(db, task, cancellationToken) ? task : null;
    }
}
