using System.Text.Json;
using Platform.Analytics.Data;
using Platform.Contracts.Tasks;

namespace Platform.Analytics.Flow;

/// <summary>
/// How a task's events become its flow record: the fields it is filtered and reasoned on, and each entry into a state
/// category with the moments that follow from it. The live handler and the rebuild both apply events through here.
/// </summary>
public static class TaskFlowRules
{
    public static (FlowTask Task, FlowTransition Entered) Created(TaskCreated created)
    {
        var task = new FlowTask
        {
            Id = created.TaskId,
            OrganizationId = created.OrganizationId,
            ProjectId = created.ProjectId,
            Key = created.Key,
            Title = created.Title,
            CreatedAt = created.OccurredAt,
        };
        foreach (var (name, value) in created.Fields)
        {
            Set(task, name, value);
        }
        var category = created.Fields.TryGetValue("stateCategory", out var entered) ? entered.GetString() ?? StateCategories.Backlog : StateCategories.Backlog;
        return (task, Enter(task, category, created.OccurredAt));
    }

    /// <summary>Applies the changed fields; the entry into another state category when the state's category changed.</summary>
    public static FlowTransition? Updated(FlowTask task, TaskUpdated updated)
    {
        foreach (var (name, change) in updated.Changes)
        {
            Set(task, name, change.New);
        }
        return updated.Changes.TryGetValue("stateCategory", out var category) && category.New?.GetString() is { } entered && entered != task.Category
            ? Enter(task, entered, updated.OccurredAt)
            : null;
    }

    /// <summary>
    /// Work starts the first time the task enters progress (or is done without passing it, which counts as a cycle of
    /// no time); it is done or cancelled from its last entry there, and neither once it is reopened.
    /// </summary>
    private static FlowTransition Enter(FlowTask task, string category, DateTimeOffset at)
    {
        var transition = new FlowTransition
        {
            OrganizationId = task.OrganizationId,
            ProjectId = task.ProjectId,
            TaskId = task.Id,
            At = at,
            FromCategory = task.Category.Length == 0 ? null : task.Category,
            ToCategory = category,
        };
        task.Category = category;
        if (category is StateCategories.InProgress or StateCategories.Done)
        {
            task.StartedAt ??= at;
        }
        task.DoneAt = category == StateCategories.Done ? at : null;
        task.CancelledAt = category == StateCategories.Cancelled ? at : null;
        return transition;
    }

    private static void Set(FlowTask task, string name, JsonElement? value)
    {
        var present = value is { ValueKind: not JsonValueKind.Null } ? value.Value : (JsonElement?)null;
        switch (name)
        {
            case "title":
                task.Title = present?.GetString() ?? "";
                break;
            case "assignee":
                task.Assignee = present?.GetGuid();
                break;
            case "labels":
                task.Labels = present is { ValueKind: JsonValueKind.Array } labels ? [.. labels.EnumerateArray().Select(label => label.GetString()!)] : [];
                break;
            case "parent":
                task.Parent = present?.GetString();
                break;
            case "optimisticDays":
                task.OptimisticDays = present?.GetDouble();
                break;
            case "mostLikelyDays":
                task.MostLikelyDays = present?.GetDouble();
                break;
            case "pessimisticDays":
                task.PessimisticDays = present?.GetDouble();
                break;
            case "startDate":
                task.StartDate = present is { } start ? DateOnly.Parse(start.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
                break;
            case "dueDate":
                task.DueDate = present is { } due ? DateOnly.Parse(due.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
                break;
        }
    }
}
