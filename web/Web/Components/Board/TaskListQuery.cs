namespace Platform.Web.Components.Board;

/// <summary>The list view's filters and sort as the API's query string (<c>/projects/{key}/tasks?...</c>).</summary>
public sealed class TaskListQuery
{
    public const int PageSize = 50;

    public string? Text { get; set; }
    public string? State { get; set; }
    public string? Label { get; set; }

    /// <summary><c>me</c>, <c>none</c>, or empty for anyone.</summary>
    public string? Assignee { get; set; }

    public bool OnlyBlocked { get; set; }
    public string Sort { get; private set; } = "key";
    public bool Descending { get; private set; }

    /// <summary>Sorting by the column already sorted by turns the order round.</summary>
    public void SortBy(string field)
    {
        Descending = Sort == field && !Descending;
        Sort = field;
    }

    public string ToQueryString(string? cursor = null)
    {
        var parameters = new List<string> { $"limit={PageSize}", $"sort={(Descending ? "-" : "")}{Sort}" };
        Add(parameters, "q", Text);
        Add(parameters, "state", State);
        Add(parameters, "label", Label);
        Add(parameters, "assignee", Assignee);
        if (OnlyBlocked)
        {
            parameters.Add("blocked=true");
        }
        Add(parameters, "cursor", cursor);
        return "?" + string.Join('&', parameters);
    }

    private static void Add(List<string> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
