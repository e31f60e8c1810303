namespace Platform.Analytics.Flow;

/// <summary>The workflow's state categories as events and the API name them.</summary>
public static class StateCategories
{
    public const string Backlog = "backlog";
    public const string Todo = "todo";
    public const string InProgress = "inProgress";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    /// <summary>Work no longer waits for anyone: finished or given up.</summary>
    public static bool IsClosed(string category) => category is Done or Cancelled;
}
