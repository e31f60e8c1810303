namespace Platform.Ai.Api;

// What the MCP tools return (their outputSchema), read from the platform's REST answers; extra fields are ignored.

public sealed record ProjectSummary(string Key, string Name, string Description, bool Archived, DateOnly? StartDate);

public sealed record TaskSummary(
    string Key, string Title, string State, string StateCategory, Guid? Assignee, string Priority, List<string> Labels, DateOnly? DueDate, bool Blocked);

public sealed record TaskDetails(
    string Key, string ProjectKey, string Title, string Description, string State, string StateCategory, Guid? Assignee, string Priority,
    List<string> Labels, string? Parent, double? OptimisticDays, double? MostLikelyDays, double? PessimisticDays, double? StoryPoints,
    DateOnly? StartDate, DateOnly? DueDate, bool Blocked, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page of a list; pass <see cref="NextCursor"/> back to get the next one (null: this was the last).</summary>
public sealed record Page<T>(List<T> Items, string? NextCursor);

public sealed record CommentDetails(Guid Id, string Task, string Author, string Body, DateTimeOffset CreatedAt);

public sealed record DependencyDetails(string Predecessor, string Successor, string Type, double LagDays);

public sealed record ScheduledTaskSummary(string Key, string Title, double DurationDays, double TotalFloat, bool Critical, DateOnly EarlyStartDate, DateOnly EarlyFinishDate);

public sealed record CriticalPathDetails(string[] Projects, DateOnly StartDate, DateOnly FinishDate, double DurationDays, string[] CriticalPath, List<ScheduledTaskSummary> Tasks);

public sealed record DocumentSummary(Guid Id, string Project, string Title, string Type, int Version, int Length, DateTimeOffset UpdatedAt);

public sealed record DocumentContent(DocumentSummary Document, int Version, string Content);
