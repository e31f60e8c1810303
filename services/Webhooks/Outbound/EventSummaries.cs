using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Webhooks.Outbound;

/// <summary>An event in one line for people (chat messages), and the web client's page about it.</summary>
public sealed record EventSummary(string Text, string Path, string LinkTitle);

public static class EventSummaries
{
    public static EventSummary Describe(IntegrationEvent happened) => happened switch
    {
        TaskCreated e => Task(e.Key, $"{e.Key} created: {e.Title}"),
        TaskStateChanged e => Task(e.Key, $"{e.Key} moved from {e.FromState} to {e.ToState}"),
        TaskUpdated e => Task(e.Key, $"{e.Key} changed: {string.Join(", ", e.Changes.Keys.Where(k => k != "stateCategory").Order(StringComparer.Ordinal))}"),
        TaskDeleted e => new EventSummary($"{e.Key} deleted", "/projects", "Open the projects"),
        CommentAdded e => Task(e.Key, $"{e.Key} got a comment: {Cut(e.Body, 300)}"),
        TaskCodeChanged e => Task(e.Key, e.CheckName is { } check
            ? $"{e.Key}: check {check} {e.CheckOutcome} on {e.Repository}"
            : $"{e.Key}: {(e.Kind == "pullRequest" ? $"pull request {e.Repository}#{e.Reference} {e.State}" : $"commit {e.Repository}@{e.Reference[..Math.Min(7, e.Reference.Length)]}")} – {e.Title}"),
        DependencyAdded e => Task(e.Successor, $"{e.Successor} now waits for {e.Predecessor}"),
        DependencyRemoved e => Task(e.Successor, $"{e.Successor} no longer waits for {e.Predecessor}"),
        DocumentChanged e => new EventSummary(e.Deleted ? $"Document “{e.Title}” deleted" : $"Document “{e.Title}” changed (version {e.Version})",
            e.Deleted ? "/projects" : $"/documents/{e.DocumentId}", "Open the document"),
        RiskChanged e => Task(e.Key, $"{e.Key} risk {e.FromLevel} → {e.ToLevel} ({e.Score}){(e.Reasons.Length > 0 ? ": " + e.Reasons[0] : "")}"),
        _ => new EventSummary("A test message from Platform: this endpoint receives the organization's events", "/settings/integrations", "Open the integrations"),
    };

    private static EventSummary Task(string key, string text) => new(text, $"/tasks/{Uri.EscapeDataString(key)}", $"Open {key}");

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
