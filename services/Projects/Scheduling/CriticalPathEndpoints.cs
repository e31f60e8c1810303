using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Scheduling;

/// <summary>
/// A task's place in the schedule: offsets in working days from the start, and the dates they fall on.
/// <see cref="StartNoEarlierThan"/> is the task's own start date, which the schedule keeps it from starting before.
/// </summary>
public sealed record ScheduledTask(
    string Key, string Title, double DurationDays, double EarlyStart, double EarlyFinish, double LateStart, double LateFinish,
    double TotalFloat, double FreeFloat, bool Critical,
    DateOnly EarlyStartDate, DateOnly EarlyFinishDate, DateOnly LateStartDate, DateOnly LateFinishDate, DateOnly? StartNoEarlierThan);

/// <summary>A dependency between two scheduled tasks (lag in working days).</summary>
public sealed record ScheduledDependency(string Predecessor, string Successor, string Type, double LagDays);

/// <summary>The schedule of one or more projects from their start date; <see cref="FinishDate"/> is the projected finish.</summary>
public sealed record ProjectSchedule(
    string[] Projects, DateOnly StartDate, DateOnly FinishDate, double DurationDays, string[] CriticalPath, ScheduledTask[] Tasks,
    ScheduledDependency[] Dependencies);

public static class CriticalPathEndpoints
{
    public const int MaxProjects = 20;

    public static IEndpointRouteBuilder MapCriticalPathEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _) = api.Tagged("Scheduling");
        read.MapGet("/projects/{key}/critical-path", GetOne).WithName("GetCriticalPath")
            .WithSummary("A project's schedule: earliest and latest dates, slack and the critical path");
        read.MapGet("/critical-path", GetMany).WithName("GetCriticalPaths").WithSummary("The schedule of several projects together, with dependencies across them");
        return api;
    }

    public static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> GetOne(string key, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await ScheduleAsync(db, [key], cancellationToken);

    /// <summary>Several projects as one network, dependencies between them included: <c>?projects=PLAT,WEB</c>.</summary>
    public static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> GetMany(string? projects, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        var keys = (projects ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return keys.Length is 0 or > MaxProjects
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["projects"] = [$"1 to {MaxProjects} project keys, separated by commas."] })
            : await ScheduleAsync(db, keys, cancellationToken);
    }

    /// <summary>
    /// The critical path method over the projects' tasks and the dependencies among them; a task's duration is
    /// its PERT expectation (o + 4m + p) / 6, zero (a milestone) without an estimate; a task's start date holds it
    /// back to that day at the earliest. The schedule starts on the earliest project start date (its creation day
    /// when none is set); each task's dates follow its own project's calendar.
    /// </summary>
    private static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> ScheduleAsync(
        ProjectsDbContext db, string[] keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Select(k => k.ToUpperInvariant()).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => wanted.Contains(p.Key)).ToListAsync(cancellationToken);
        if (projects.Count != wanted.Count)
        {
            return TypedResults.NotFound();
        }

        var projectIds = projects.ConvertAll(p => p.Id);
        var tasks = await db.Tasks.AsNoTracking().Where(t => projectIds.Contains(t.ProjectId))
            .OrderBy(t => t.ProjectId).ThenBy(t => t.Number).ToListAsync(cancellationToken);
        var index = tasks.Select((task, i) => (task.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var links = await db.Dependencies.AsNoTracking()
            .Where(d => db.Tasks.Any(t => t.Id == d.PredecessorId && projectIds.Contains(t.ProjectId)) && db.Tasks.Any(t => t.Id == d.SuccessorId && projectIds.Contains(t.ProjectId)))
            .ToListAsync(cancellationToken);
        var start = projects.Min(p => p.StartDate ?? DateOnly.FromDateTime(p.CreatedAt.UtcDateTime));
        var calendars = projects.ToDictionary(p => p.Id, p => new WorkingCalendar(start, p.WorkingDays, p.Holidays));
        var durations = tasks.ConvertAll(Duration);
        var earliestStarts = tasks.ConvertAll(t => t.StartDate is { } date ? (double)calendars[t.ProjectId].OffsetOf(date) : 0);
        // Adding a dependency refuses cycles, so the network has none.
        var (schedule, _) = CriticalPath.Compute(durations,
            links.ConvertAll(d => new Link(index[d.PredecessorId], index[d.SuccessorId], d.Type, d.LagDays)), earliestStarts);

        var keyOf = projects.ToDictionary(p => p.Id, p => p.Key);
        string KeyOf(int i) => new TaskKey(keyOf[tasks[i].ProjectId], tasks[i].Number).ToString();
        var scheduled = tasks.Select((task, i) =>
        {
            var times = schedule!.Activities[i];
            var calendar = calendars[task.ProjectId];
            return new ScheduledTask(KeyOf(i), task.Title, durations[i], times.EarlyStart, times.EarlyFinish, times.LateStart, times.LateFinish,
                times.TotalFloat, times.FreeFloat, times.IsCritical,
                calendar.StartDate(times.EarlyStart), calendar.FinishDate(times.EarlyStart, times.EarlyFinish),
                calendar.StartDate(times.LateStart), calendar.FinishDate(times.LateStart, times.LateFinish), task.StartDate);
        }).ToArray();
        var dependencies = links.ConvertAll(d => new ScheduledDependency(KeyOf(index[d.PredecessorId]), KeyOf(index[d.SuccessorId]), d.Type.Name(), d.LagDays));
        var finish = scheduled.Length == 0 ? calendars[projects[0].Id].StartDate(0) : scheduled.Max(t => t.EarlyFinishDate);
        return TypedResults.Ok(new ProjectSchedule(
            [.. projects.Select(p => p.Key).Order(StringComparer.Ordinal)], start, finish, schedule!.Duration,
            [.. schedule.CriticalActivities.Select(KeyOf)], scheduled, [.. dependencies]));
    }

    private static double Duration(ProjectTask task) =>
        task is { OptimisticDays: { } o, MostLikelyDays: { } m, PessimisticDays: { } p } ? (o + 4 * m + p) / 6 : 0;
}
