using Platform.Web.Api;

namespace Platform.Web.Components.Board;

/// <summary>One cell of a board: a swimlane (an assignee's id or a parent's key; "" for none) and a state.</summary>
public sealed record BoardCell(string Lane, string State);

/// <summary>A swimlane as the board draws it: its key (see <see cref="BoardCell.Lane"/>) and its heading.</summary>
public sealed record Lane(string Key, string Title);

/// <summary>A key pressed on a card.</summary>
public sealed record CardKey(TaskView Task, string Key, bool Shift);

/// <summary>A move the API is asked to make: the task as it was (to put back if refused) and the fields that change.</summary>
public sealed record BoardMove(TaskView Before, Dictionary<string, object?> Changes);

/// <summary>
/// What a board shows: the project's workflow states as columns, optionally rows (swimlanes) by assignee or parent, and
/// the tasks the filter lets through. A move is applied at once and taken back if the API refuses it, so a refused move
/// (a rule, a stale version, a removed state) snaps back. Moving a card to another row changes what the rows group by.
/// </summary>
public sealed class BoardModel(IReadOnlyList<StateView> states, IEnumerable<TaskView> tasks)
{
    private readonly List<TaskView> _tasks = [.. tasks];

    public IReadOnlyList<StateView> States { get; } = states;

    public IReadOnlyList<TaskView> Tasks => _tasks;

    public BoardFilter Filter { get; set; } = BoardFilter.None;

    public Swimlanes Swimlanes { get; set; }

    /// <summary>The signed-in person, for the filter's "me".</summary>
    public Guid? Me { get; set; }

    public IEnumerable<TaskView> Visible => _tasks.Where(task => Filter.Matches(task, Me));

    public IEnumerable<TaskView> In(string state) => Visible.Where(task => task.State == state);

    public bool IsIn(TaskView task, BoardCell cell) => task.State == cell.State && LaneOf(task) == cell.Lane;

    public string LaneOf(TaskView task) => Swimlanes switch
    {
        Swimlanes.Assignee => task.Assignee?.ToString() ?? "",
        Swimlanes.Parent => task.Parent ?? "",
        _ => "",
    };

    /// <summary>
    /// The rows: one per assignee or parent among the visible cards, by title, then the one for cards without; a single
    /// untitled row without swimlanes. <paramref name="titleOf"/> names a lane's key (a person's name, a parent's title).
    /// </summary>
    public IReadOnlyList<Lane> Lanes(Func<string, string> titleOf)
    {
        if (Swimlanes == Swimlanes.None)
        {
            return [new Lane("", "")];
        }
        var keys = Visible.Select(LaneOf).Where(key => key.Length > 0).Distinct()
            .Select(key => new Lane(key, titleOf(key))).OrderBy(lane => lane.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
        keys.Add(new Lane("", Swimlanes == Swimlanes.Assignee ? "Unassigned" : "No parent"));
        return keys;
    }

    /// <summary>Moves the task to <paramref name="cell"/>; null when it is already there or the state is not a column.</summary>
    public BoardMove? Move(string taskKey, BoardCell cell)
    {
        var index = _tasks.FindIndex(task => task.Key == taskKey);
        if (index < 0 || IsIn(_tasks[index], cell) || States.All(s => s.Name != cell.State))
        {
            return null;
        }
        var before = _tasks[index];
        var changes = new Dictionary<string, object?>();
        var after = before;
        if (before.State != cell.State)
        {
            changes["state"] = cell.State;
            after = after with { State = cell.State };
        }
        if (LaneOf(before) != cell.Lane)
        {
            var lane = cell.Lane.Length == 0 ? null : cell.Lane;
            if (Swimlanes == Swimlanes.Assignee)
            {
                var assignee = lane is null ? (Guid?)null : Guid.Parse(lane);
                changes["assignee"] = assignee;
                after = after with { Assignee = assignee };
            }
            else
            {
                changes["parent"] = lane;
                after = after with { Parent = lane };
            }
        }
        _tasks[index] = after;
        return new BoardMove(before, changes);
    }

    /// <summary>
    /// The cell beside the task's, one state to the right (<paramref name="step"/> 1) or left (-1) in the same swimlane:
    /// moving a card without a mouse. Null at either end.
    /// </summary>
    public BoardCell? Beside(TaskView task, int step)
    {
        var index = States.ToList().FindIndex(state => state.Name == task.State) + step;
        return index >= 0 && index < States.Count ? new BoardCell(LaneOf(task), States[index].Name) : null;
    }

    public void Remove(string taskKey) => _tasks.RemoveAll(task => task.Key == taskKey);

    private readonly Dictionary<string, int> _changing = [];

    /// <summary>The board's own change of the task is on its way to the API (its answer will be newer than any read meanwhile).</summary>
    public void Changing(string taskKey) => _changing[taskKey] = _changing.GetValueOrDefault(taskKey) + 1;

    public void Changed(string taskKey)
    {
        if (_changing.GetValueOrDefault(taskKey) <= 1)
        {
            _changing.Remove(taskKey);
        }
        else
        {
            _changing[taskKey]--;
        }
    }

    /// <summary>
    /// A task as a live read found it, taken unless the board knows better: while its own change of the task is on its
    /// way, or when it already shows a later state (a read overtaken by a newer answer). False when left out.
    /// </summary>
    public bool PutRead(TaskView task)
    {
        if (_changing.ContainsKey(task.Key) || _tasks.Find(existing => existing.Key == task.Key) is { } shown && shown.UpdatedAt > task.UpdatedAt)
        {
            return false;
        }
        Put(task);
        return true;
    }

    /// <summary>
    /// The API's answer to one of the board's own changes of the task (or the task as it was, when refused), taken unless
    /// a later change of it is still on its way: that one's answer follows, and this one would put the card back meanwhile
    /// (a key pressed twice: the first answer arriving would move the card under the second press).
    /// </summary>
    public void PutAnswer(TaskView task)
    {
        if (!_changing.ContainsKey(task.Key))
        {
            Put(task);
        }
    }

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
