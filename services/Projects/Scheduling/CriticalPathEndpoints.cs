using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Projects;
using Platform.Projects.Tasks;

namespace Platform.Projects.Scheduling;

public sealed record ScheduledTask(
    string Key, string Title, double DurationDays, double EarlyStart, double EarlyFinish, double LateStart, double LateFinish,
    double TotalFloat, double FreeFloat, bool Critical);

/// <summary>The project's schedule in working days from its start (dates on a calendar come with project calendars).</summary>
public sealed record ProjectSchedule(string ProjectKey, double DurationDays, string[] CriticalPath, ScheduledTask[] Tasks);

public static class CriticalPathEndpoints
{
    public static RouteGroupBuilder MapCriticalPathEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{key}/critical-path", Get).RequireAuthorization(ProjectsPolicies.Read);
        return api;
    }

    /// <summary>
    /// The critical path method over the project's tasks and the dependencies between them; a task's
    /// duration is its PERT expectation (o + 4m + p) / 6, zero (a milestone) without an estimate.
    /// </summary>
    public static async Task<Results<Ok<ProjectSchedule>, NotFound>> Get(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        var project = await ProjectEndpoints.FindAsync(db, key, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        var index = tasks.Select((task, i) => (task.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var links = await db.Dependencies.AsNoTracking()
            .Where(d => db.Tasks.Any(t => t.Id == d.PredecessorId && t.ProjectId == project.Id) && db.Tasks.Any(t => t.Id == d.SuccessorId && t.ProjectId == project.Id))
            .ToListAsync(cancellationToken);
        var durations = tasks.ConvertAll(Duration);
        // Adding a dependency refuses cycles, so the network has none.
        var (schedule, _) = CriticalPath.Compute(durations,
            links.ConvertAll(d => new Link(index[d.PredecessorId], index[d.SuccessorId], d.Type, d.LagDays)));

        string KeyOf(int i) => new TaskKey(project.Key, tasks[i].Number).ToString();
        var scheduled = tasks.Select((task, i) =>
        {
            var times = schedule!.Activities[i];
            return new ScheduledTask(KeyOf(i), task.Title, durations[i], times.EarlyStart, times.EarlyFinish, times.LateStart, times.LateFinish,
                times.TotalFloat, times.FreeFloat, times.IsCritical);
        }).ToArray();
        return TypedResults.Ok(new ProjectSchedule(project.Key, schedule!.Duration, [.. schedule.CriticalActivities.Select(KeyOf)], scheduled));
    }

    private static double Duration(ProjectTask task) =>
        task is { OptimisticDays: { } o, MostLikelyDays: { } m, PessimisticDays: { } p } ? (o + 4 * m + p) / 6 : 0;
}
