using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>A task as the API shows it; <see cref="Blocked"/> is derived from predecessors that are not done or cancelled.</summary>
public sealed record TaskView(
    Guid Id,
    string Key,
    string ProjectKey,
    string Title,
    string Description,
    string State,
    StateCategory StateCategory,
    Guid? Assignee,
    TaskPriority Priority,
    List<string> Labels,
    string? Parent,
    double? OptimisticDays,
    double? MostLikelyDays,
    double? PessimisticDays,
    double? StoryPoints,
    DateOnly? StartDate,
    DateOnly? DueDate,
    bool Blocked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore] uint Version = 0);

public static class TaskViews
{
    /// <summary>One query for a page of tasks: keys, state, parent key and blocked come from joins and a subquery.</summary>
    public static IQueryable<TaskView> Views(this IQueryable<ProjectTask> tasks, ProjectsDbContext db) => tasks.Select(t => new TaskView(
        t.Id,
        t.Project!.Key + "-" + t.Number,
        t.Project.Key,
        t.Title,
        t.Description,
        t.State!.Name,
        t.State.Category,
        t.AssigneeId,
        t.Priority,
        t.Labels,
        t.Parent == null ? null : t.Parent.Project!.Key + "-" + t.Parent.Number,
        t.OptimisticDays,
        t.MostLikelyDays,
        t.PessimisticDays,
        t.StoryPoints,
        t.StartDate,
        t.DueDate,
        db.Dependencies.Any(d => d.SuccessorId == t.Id
            && d.Predecessor!.State!.Category != StateCategory.Done && d.Predecessor.State.Category != StateCategory.Cancelled),
        t.CreatedAt,
        t.UpdatedAt,
        t.Version));

    public static Task<TaskView> ViewAsync(this ProjectsDbContext db, Guid taskId, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tasks.Where(t => t.Id == taskId).Views(db), cancellationToken);
}
