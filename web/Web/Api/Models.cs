namespace Platform.Web.Api;

// The API's answers as the web app reads them (fields it does not show are left out).

public sealed record ProjectView(
    Guid Id, string Key, string Name, string? Description, bool Archived, DateOnly? StartDate, DayOfWeek[] WorkingDays, DateOnly[] Holidays,
    DateTimeOffset CreatedAt, string? PullRequestOpenedState = null, string? PullRequestMergedState = null);

public sealed record StateView(string Name, string Category, int Tasks);

public sealed record TaskView(
    Guid Id, string Key, string ProjectKey, string Title, string? Description, string State, string StateCategory,
    Guid? Assignee, string Priority, string[] Labels, string? Parent, DateOnly? DueDate, bool Blocked, DateTimeOffset UpdatedAt);

public sealed record TaskPage(TaskView[] Items, string? NextCursor);

public sealed record MeView(Guid Id, string? Email, string DisplayName, Guid OrganizationId, string Role, MembershipView[] Memberships);

public sealed record DependencyView(string Predecessor, string Successor, string Type, double LagDays);

public sealed record CommentView(Guid Id, string Task, string Author, string Body, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

public sealed record CommentPage(CommentView[] Items, string? NextCursor);

public sealed record FieldChange(System.Text.Json.JsonElement? Old, System.Text.Json.JsonElement? New);

public sealed record HistoryEntryView(DateTimeOffset At, string By, Dictionary<string, FieldChange> Changes);

public sealed record MemberView(Guid UserId, string? Email, string DisplayName, string Role);

public sealed record AccessTokenView(Guid Id, string Name, string DisplayPrefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record CreatedAccessToken(AccessTokenView Details, string Token);

public sealed record InvitationView(Guid Id, string Email, string Role, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

public sealed record MachineClientView(string ClientId, string Name, string[] Scopes, string Role, DateTimeOffset? CreatedAt);

public sealed record CreatedMachineClient(string ClientId, string ClientSecret, string Name, string[] Scopes, string Role);

public sealed record MembershipView(Guid OrganizationId, string Slug, string Name, string Role);

public sealed record ReceivedInvitationView(Guid Id, Guid OrganizationId, string OrganizationSlug, string OrganizationName, string Role, DateTimeOffset ExpiresAt);

public sealed record ScheduledTaskView(
    string Key, string Title, double DurationDays, double TotalFloat, double FreeFloat, bool Critical,
    DateOnly EarlyStartDate, DateOnly EarlyFinishDate, DateOnly LateStartDate, DateOnly LateFinishDate, DateOnly? StartNoEarlierThan);

public sealed record ScheduleView(
    string[] Projects, DateOnly StartDate, DateOnly FinishDate, double DurationDays, string[] CriticalPath, ScheduledTaskView[] Tasks,
    DependencyView[] Dependencies);

public sealed record ProjectMemberView(Guid UserId, string Role, DateTimeOffset AddedAt);

public sealed record SearchHitView(string Kind, string Key, string Title, string Snippet, double Score, string Uri, DateTimeOffset UpdatedAt);

public sealed record SearchHitPage(SearchHitView[] Items, string? NextCursor);

public sealed record AnswerView(Guid Id, string Text, SearchHitView[] Sources, string Model);

public sealed record ModelView(string Model, string Provider, bool Local);

public sealed record ConfiguredModelsView(ModelView Embeddings, ModelView? Chat);

public sealed record RatingView(Guid AnswerId, string Value, string? Comment, DateTimeOffset RatedAt);

public sealed record OwnEndpointView(string Endpoint, string Model, bool HasKey);

public sealed record ModelSettingsView(bool LocalOnly, OwnEndpointView? Chat, OwnEndpointView? Embeddings, DateTimeOffset? UpdatedAt, string? UpdatedBy);

public sealed record IndexStateView(string Model, int Passages, int Embedded, int Waiting, string? Problem);

public sealed record WeightTallyView(double FullText, double Vector, int Helpful, int Unhelpful, double ExpectedHelpfulShare);

public sealed record SearchWeightsView(double FullText, double Vector, bool Learned, int MinimumRatings, WeightTallyView[] Tried);

public sealed record ToolCallView(Guid Id, string ActorId, string Tool, string Arguments, string Scopes, string Outcome, double DurationMs, int ResultBytes, DateTimeOffset CalledAt);

public sealed record IntervalView(double Estimate, double Low, double High);

public sealed record ArmFiguresView(
    string Arm, string Model, int Answers, int Errors, double ErrorRate, double MeanLatencyMs, double P95LatencyMs,
    double MeanInputTokens, double MeanOutputTokens, decimal Cost, int Rated, int Helpful, IntervalView? HelpfulRate);

public sealed record ComparisonFiguresView(ArmFiguresView Control, ArmFiguresView Variant, IntervalView? HelpfulRateDifference, IntervalView? LatencyDifferenceMs);

public sealed record ArmView(string? Model, string? Instructions);

public sealed record ExperimentView(
    Guid Id, string Name, ArmView Control, ArmView Variant, int VariantShare, string RouteBy, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, ComparisonFiguresView Figures);

public sealed record RegistryModelView(string Name, string Model, bool Local);

public sealed record ActivityItemView(DateTimeOffset At, string Kind, string Subject, string Title, string Actor, string Summary);

public sealed record ActivityPage(ActivityItemView[] Items, string? NextCursor);

public sealed record RegisteredAppView(string ClientId, string Name, string[] RedirectUris);

public sealed record DocumentView(
    Guid Id, Guid ProjectId, string Project, string Title, string Type, int Version, int Length, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DocumentContent(DocumentView Document, int Version, string Content);

public sealed record WeekFlowView(DateOnly Start, int Done, int Arrived);

public sealed record DayPercentilesView(int Count, double P50, double P85, double P95);

public sealed record WipItemView(string Key, string Title, double AgeDays, bool Aging);

public sealed record CumulativeFlowPointView(DateOnly Date, int Backlog, int Todo, int InProgress, int Done, int Cancelled)
{
    /// <summary>All the work there is at that day, but what was cancelled.</summary>
    public int Scope => Backlog + Todo + InProgress + Done;
}

public sealed record FlowMetricsView(
    string Project, DateOnly From, DateOnly Until, WeekFlowView[] Weeks, DayPercentilesView? CycleTimeDays, DayPercentilesView? LeadTimeDays,
    WipItemView[] WorkInProgress, CumulativeFlowPointView[] CumulativeFlow);

public sealed record ForecastHistoryView(int Weeks, int DoneTasks, bool IsEnough, int[] DonePerWeek);

public sealed record ForecastDatesView(DateOnly P50, DateOnly P85, DateOnly P95);

public sealed record ForecastCountsView(int P50, int P85, int P95);

public sealed record ForecastWeekView(DateOnly WeekEnding, double Share);

public sealed record ForecastView(
    Guid? Id, string Project, string Kind, string Method, DateTimeOffset MadeAt, int Remaining, ForecastHistoryView History,
    ForecastDatesView? Dates, ForecastCountsView? Counts, double? FinishedShare, ForecastWeekView[] Histogram, string Explanation, string[] Notes);

public sealed record CalibrationView(
    string Project, int Made, int Resolved, double? P50MeanAbsoluteErrorDays, double? P85HitRate, double? P95HitRate, CountCalibrationView? HowMany);

public sealed record CountCalibrationView(int Made, int Resolved, double? P50MeanAbsoluteError, double? P85HitRate, double? P95HitRate);

public sealed record RiskReasonView(string Code, string Text, int Points);

public sealed record TaskRiskView(Guid Id, string Key, string Title, int Score, string Level, RiskReasonView[] Reasons)
{
    /// <summary>Worth a mark on a card: medium or high (low risks are on the forecast page's list).</summary>
    public bool IsMarked => Level is "medium" or "high";

    public string Summary => $"{Level} risk ({Score}): {string.Join(" ", Reasons.Select(r => r.Text))}";
}

public sealed record ProjectRiskView(string Project, int Score, string Level, RiskReasonView[] Reasons, TaskRiskView[] Tasks);

public sealed record TaskLinkView(
    string Kind, string Provider, string Repository, string Reference, string Title, string Url, string Author, string Branch, string? State,
    LinkCheckView[] Checks, DateTimeOffset LinkedAt, DateTimeOffset UpdatedAt);

public sealed record LinkCheckView(string Name, string Status, string? Conclusion, string Url, DateTimeOffset At);

public sealed record IntegrationView(
    Guid Id, string Provider, string Name, string Address, DateTimeOffset CreatedAt, string CreatedBy, long Refused, DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? PreviousSecretExpiresAt, string? Secret);

public sealed record InboundDeliveryView(Guid Id, string Delivery, string Event, DateTimeOffset ReceivedAt, string Outcome, bool PayloadKept);

public sealed record EndpointView(
    Guid Id, string Url, string Description, string Format, string[] EventTypes, bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PreviousSecretExpiresAt, string? Secret);

public sealed record OutboundDeliveryView(
    Guid Id, string Message, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode,
    string? LastResponse, DateTimeOffset? NextAttemptAt);

public sealed record InboxDeliveryView(Guid Id, string Channel, string? Address, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError);

public sealed record InboxItemView(
    Guid Id, string Kind, string Title, string Body, string? Link, string? TaskKey, string Actor, bool Critical,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? ArchivedAt, DateTimeOffset? SnoozedUntil, InboxDeliveryView[] Deliveries);

public sealed record InboxPageView(InboxItemView[] Items, int Unread, Guid? Next);

public sealed record UnreadCountView(int Unread);

public sealed record NotificationPreferencesView(
    string Language, string TimeZone, string? QuietFrom, string? QuietUntil, string Digest, string DigestAt, string[] EmailOff, string[] PushOff, string[] ChatOff, bool OrganizationDefault);

public sealed record PushKeyView(string PublicKey);

public sealed record ChatView(Guid Id, string Format, string Host, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason);

public sealed record BrandingView(string? Name, string? AccentColor, string? LogoUrl);

public sealed record PushDeviceView(Guid Id, string Label, string Endpoint, DateTimeOffset CreatedAt, DateTimeOffset? LastPushedAt);

public sealed record OrganizationDeliveryView(
    Guid Id, Guid NotificationId, Guid RecipientId, string Recipient, string Kind, string Title, string Channel, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

public sealed record DeliveryKindCountView(string Kind, int Notifications, int Read);

public sealed record DeliveryChannelCountView(string Channel, string Status, int Deliveries);

public sealed record DeliverySummaryView(DateTimeOffset Since, int Notifications, int Read, DeliveryKindCountView[] ByKind, DeliveryChannelCountView[] ByChannel);

/// <summary>A file attached to a task or document (the files service's view); <see cref="Links"/> only once it is scanned clean.</summary>
public sealed record AttachmentView(
    Guid Id, string Name, string ContentType, long Length, string Status, string? Signature, Guid TargetId, Guid? TaskId, int? Width, int? Height,
    string[] Variants, int TextLength, string? ProcessingError, DateTimeOffset CreatedAt, AttachmentLinks? Links)
{
    public bool IsImage => Variants.Contains("thumbnail");
}

public sealed record AttachmentLinks(string Original, string? Thumbnail, string? Web, DateTimeOffset ExpiresAt);
