namespace Platform.Web.Api;

/// <summary>The priorities the API knows, most pressing first (as pickers list them).</summary>
public static class TaskPriorities
{
    public static readonly string[] All = ["urgent", "high", "medium", "low", "none"];
}
