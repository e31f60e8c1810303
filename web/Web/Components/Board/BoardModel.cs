using Platform.Web.Api;

namespace Platform.Web.Components.Board;

/// <summary>
/// What a board shows: the project's workflow states as columns and its tasks in them. A move is applied at once and
/// taken back if the API refuses it, so a refused move (a rule, a stale version, a removed state) snaps back.
/// </summary>
public sealed class BoardModel(IReadOnlyList<StateView> states, IEnumerable<TaskView> tasks)
{
    private readonly List<TaskView> _tasks = [.. tasks];

    public IReadOnlyList<StateView> States { get; } = states;

    public IReadOnlyList<TaskView> Tasks => _tasks;

    public IEnumerable<TaskView> In(string state) => _tasks.Where(task => task.State == state);

    /// <summary>Moves the task to <paramref name="state"/>; null when it is already there or the state is not a column.</summary>
    public TaskView? Move(string taskKey, string state)
    {
        var index = _tasks.FindIndex(task => task.Key == taskKey);
        if (index < 0 || _tasks[index].State == state || States.All(s => s.Name != state))
        {
            return null;
        }
        var before = _tasks[index];
        _tasks[index] = before with { State = state };
        return before;
    }

    public void Remove(string taskKey) => _tasks.RemoveAll(task => task.Key == taskKey);

    /// <summary>Puts a task back as it was (a refused move), or as the API now has it.</summary>
    public void Put(TaskView task)
    {
        var index = _tasks.FindIndex(existing => existing.Key == task.Key);
        if (index < 0)
        {
            _tasks.Add(task);
        }
        else
        {
            _tasks[index] = task;
        }
    }
}
