using Platform.Analytics.Data;

namespace Platform.Analytics.Flow;

/// <summary>Which of a project's tasks to count: those with a label, of an assignee, or under a parent task; all when empty.</summary>
public sealed record FlowFilter(string? Label = null, Guid? Assignee = null, string? Parent = null)
{
    public IQueryable<FlowTask> Apply(IQueryable<FlowTask> tasks)
    {
        if (Label is not null)
        {
            tasks = tasks.Where(t => t.Labels.Contains(Label));
        }
        if (Assignee is not null)
        {
            tasks = tasks.Where(t => t.Assignee == Assignee);
        }
        if (Parent is not null)
        {
            tasks = tasks.Where(t => t.Parent == Parent);
        }
        return tasks;
    }
}
