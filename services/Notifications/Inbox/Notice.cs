namespace Platform.Notifications.Inbox;

/// <summary>
/// What to tell: <paramref name="Kind"/> (see <see cref="NoticeKinds"/>), in the words of <paramref name="Template"/>
/// (see <see cref="Templates.TemplateNames"/>) with its <paramref name="Values"/>, each person in their language; the
/// web app's page it is about, and who acted (never told of their own act, unless the notice is
/// <paramref name="Critical"/>: a security notice reaches its person whatever they chose to hear).
/// </summary>
public sealed record Notice(
    string Kind, string Template, IReadOnlyDictionary<string, object> Values, string? Link, string? TaskKey, string Actor, bool Critical = false);

public static class NoticeKinds
{
    public const string Assigned = "assigned";
    public const string Mentioned = "mentioned";
    public const string Comment = "comment";
    public const string State = "state";
    public const string Risk = "risk";
    public const string Rule = "rule";
    public const string Merged = "merged";
    public const string DueSoon = "due-soon";
    public const string EndpointDisabled = "endpoint-disabled";
    public const string TokenCreated = "token-created";
    public const string OwnerAdded = "owner-added";
    public const string FileQuarantined = "file-quarantined";

    public static readonly string[] All = [Assigned, Mentioned, Comment, State, DueSoon, Risk, Rule, Merged, EndpointDisabled, TokenCreated, OwnerAdded, FileQuarantined];
}
