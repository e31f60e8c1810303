using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Http;

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

    public static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> GetOne(string key, ProjectSchedules schedules, CancellationToken cancellationToken) =>
        await ScheduleAsync(schedules, [key], cancellationToken);

    /// <summary>Several projects as one network, dependencies between them included: <c>?projects=PLAT,WEB</c>.</summary>
    public static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> GetMany(string? projects, ProjectSchedules schedules, CancellationToken cancellationToken)
    {
        var keys = (projects ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return keys.Length is 0 or > MaxProjects
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["projects"] = [$"1 to {MaxProjects} project keys, separated by commas."] })
            : await ScheduleAsync(schedules, keys, cancellationToken);
    }

    private static async Task<Results<Ok<ProjectSchedule>, NotFound, ValidationProblem>> ScheduleAsync(
        ProjectSchedules schedules, string[] keys, CancellationToken cancellationToken) =>
        await schedules.ScheduleAsync(keys, cancellationToken) is { } schedule ? TypedResults.Ok(schedule) : TypedResults.NotFound();
}
