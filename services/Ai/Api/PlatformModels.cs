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

public sealed record LinkCheckDetails(string Name, string Status, string? Conclusion, string Url, DateTimeOffset At);

public sealed record TaskLinkDetails(
    string Kind, string Provider, string Repository, string Reference, string Title, string Url, string Author, string Branch, string? State,
    List<LinkCheckDetails> Checks, DateTimeOffset LinkedAt, DateTimeOffset UpdatedAt);

/// <summary>The code that names a task: its pull requests (with their state), commits and CI checks.</summary>
public sealed record TaskCode(string Task, List<TaskLinkDetails> Links);

public sealed record CommentDetails(Guid Id, string Task, string Author, string Body, DateTimeOffset CreatedAt);

public sealed record DependencyDetails(string Predecessor, string Successor, string Type, double LagDays);

public sealed record ScheduledTaskSummary(string Key, string Title, double DurationDays, double TotalFloat, bool Critical, DateOnly EarlyStartDate, DateOnly EarlyFinishDate);

public sealed record CriticalPathDetails(string[] Projects, DateOnly StartDate, DateOnly FinishDate, double DurationDays, string[] CriticalPath, List<ScheduledTaskSummary> Tasks);

public sealed record DocumentSummary(Guid Id, string Project, string Title, string Type, int Version, int Length, DateTimeOffset UpdatedAt);

public sealed record DocumentContent(DocumentSummary Document, int Version, string Content);

public sealed record ForecastHistory(int Weeks, int DoneTasks, bool IsEnough, int[] DonePerWeek);

public sealed record ForecastDates(DateOnly P50, DateOnly P85, DateOnly P95);

public sealed record ForecastCounts(int P50, int P85, int P95);

public sealed record ForecastDetails(
    Guid? Id, string Project, string Kind, string Method, DateTimeOffset MadeAt, int Remaining, ForecastHistory History,
    ForecastDates? Dates, ForecastCounts? Counts, double? FinishedShare, string Explanation, string[] Notes);

public sealed record RiskReason(string Code, string Text, int Points);

public sealed record TaskRisk(Guid Id, string Key, string Title, int Score, string Level, RiskReason[] Reasons);

public sealed record ProjectRisk(string Project, int Score, string Level, RiskReason[] Reasons, TaskRisk[] Tasks);

/// <summary>One of the person's notifications (the notifications service's inbox item).</summary>
public sealed record InboxNotification(
    Guid Id, string Kind, string Title, string Body, string? Link, string? TaskKey, bool Critical, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record InboxNotifications(InboxNotification[] Items, int Unread, Guid? Next);

public sealed record NotificationsRead(int Read);
