using Platform.Web.Api;

namespace Platform.Web.Components.ProjectSettings;

/// <summary>
/// A workflow being edited: states added, renamed, reordered and removed, and where the tasks of each removed state go.
/// The API keeps a state by its name, so a rename is sent as the new name plus a move of the old state's tasks to it.
/// </summary>
public sealed class WorkflowDraft
{
    /// <summary>The API's state categories, and how the page names them.</summary>
    public static readonly (string Value, string Label)[] Categories =
        [("backlog", "Backlog"), ("todo", "To do"), ("inProgress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")];

    private readonly IReadOnlyList<StateView> _saved;

    public WorkflowDraft(IReadOnlyList<StateView> saved)
    {
        _saved = saved;
        Rows = [.. saved.Select(s => new Row { Original = s.Name, Name = s.Name, Category = s.Category, Tasks = s.Tasks })];
    }

    public sealed class Row
    {
        /// <summary>The saved state this row was, or null for a new one.</summary>
        public string? Original { get; init; }

        public string Name { get; set; } = "";

        public string Category { get; set; } = "todo";

        public int Tasks { get; init; }
    }

    public List<Row> Rows { get; }

    /// <summary>For each removed state that has tasks: the state (of the new workflow) they move to.</summary>
    public Dictionary<string, string> MoveTargets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Saved states no row keeps.</summary>
    public IEnumerable<StateView> Removed => _saved.Where(s => !Rows.Any(r => r.Original == s.Name));

    /// <summary>Removed states whose tasks have nowhere to go yet.</summary>
    public IEnumerable<StateView> Unanswered =>
        Removed.Where(s => s.Tasks > 0 && !(MoveTargets.TryGetValue(s.Name, out var target) && Rows.Any(r => Same(r.Name, target))));

    public void Add() => Rows.Add(new Row { Name = "", Category = "todo" });

    public void Remove(Row row) => Rows.Remove(row);

    public void Move(Row row, int by)
    {
        var from = Rows.IndexOf(row);
        var to = Math.Clamp(from + by, 0, Rows.Count - 1);
        Rows.RemoveAt(from);
        Rows.Insert(to, row);
    }

    /// <summary>The body of <c>PUT /projects/{key}/workflow</c>.</summary>
    public object ToRequest()
    {
        var moves = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var renamed in Rows.Where(r => r.Original is not null && !Same(r.Original, r.Name)))
        {
            moves[renamed.Original!] = renamed.Name.Trim();
        }
        foreach (var removed in Removed.Where(s => MoveTargets.ContainsKey(s.Name)))
        {
            moves[removed.Name] = MoveTargets[removed.Name];
        }
        return new
        {
            states = Rows.Select(r => new { name = r.Name.Trim(), category = r.Category }).ToArray(),
            moves,
        };
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
