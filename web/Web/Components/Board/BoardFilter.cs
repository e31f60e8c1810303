using Platform.Web.Api;

namespace Platform.Web.Components.Board;

/// <summary>How a board groups its cards into rows besides its columns of states.</summary>
public enum Swimlanes
{
    None,
    Assignee,
    Parent,
}

/// <summary>
/// Which cards a board shows: all of these that are set must match. <see cref="Assignee"/> is a user id, <c>me</c> or
/// <c>none</c>; <see cref="Text"/> matches the key or title, ignoring case. Kept in the page's address, so a filtered
/// board can be bookmarked and shared.
/// </summary>
public sealed record BoardFilter(string? Assignee = null, string? Label = null, string? Priority = null, string? Text = null)
{
    public static readonly BoardFilter None = new();

    public bool IsEmpty => this == None;

    public bool Matches(TaskView task, Guid? me) =>
        MatchesAssignee(task.Assignee, me)
        && (Label is null || task.Labels.Contains(Label, StringComparer.OrdinalIgnoreCase))
        && (Priority is null || string.Equals(task.Priority, Priority, StringComparison.OrdinalIgnoreCase))
        && (Text is null || task.Title.Contains(Text, StringComparison.OrdinalIgnoreCase) || task.Key.Contains(Text, StringComparison.OrdinalIgnoreCase));

    private bool MatchesAssignee(Guid? assignee, Guid? me) => Assignee switch
    {
        null => true,
        "none" => assignee is null,
        "me" => assignee is not null && assignee == me,
        _ => Guid.TryParse(Assignee, out var id) && assignee == id,
    };

    /// <summary>A filter from the address's values; blanks are "any".</summary>
    public static BoardFilter From(string? assignee, string? label, string? priority, string? text) =>
        new(Blank(assignee), Blank(label), Blank(priority), Blank(text?.Trim()));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
