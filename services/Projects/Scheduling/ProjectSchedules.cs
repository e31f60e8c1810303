using Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Scheduling;

/// <summary>The schedule of one or more projects' tasks, as their estimates, start dates, dependencies and calendars make it.</summary>
public sealed class ProjectSchedules(ProjectsDbContext db)
{
    /// <summary>
    /// The critical path method over the projects' tasks and the dependencies among them; a task's duration is
    /// its PERT expectation (o + 4m + p) / 6, zero (a milestone) without an estimate; a task's start date holds it
    /// back to that day at the earliest. The schedule starts on the earliest project start date (its creation day
    /// when none is set); each task's dates follow its own project's calendar. Null when one of the projects does not exist.
    /// </summary>
    public async Task<ProjectSchedule?> ScheduleAsync(string[] keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Select(k => k.ToUpperInvariant()).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => wanted.Contains(p.Key)).ToListAsync(cancellationToken);
        if (projects.Count != wanted.Count)
        {
            return null;
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
        return new ProjectSchedule(
            [.. projects.Select(p => p.Key).Order(StringComparer.Ordinal)], start, finish, schedule!.Duration,
            [.. schedule.CriticalActivities.Select(KeyOf)], scheduled, [.. dependencies]);
    }

    private static double Duration(ProjectTask task) =>
        task is { OptimisticDays: { } o, MostLikelyDays: { } m, PessimisticDays: { } p } ? (o + 4 * m + p) / 6 : 0;
}
