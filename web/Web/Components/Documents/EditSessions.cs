namespace Platform.Web.Components.Documents;

/// <summary>One operation of a document's history as the API lists it.</summary>
public sealed record DocumentHistoryEntry(int Version, string AuthorId, DateTimeOffset CommittedAt, int Inserted, int Deleted);

/// <summary>A run of one person's operations with no pause longer than <see cref="EditSessions.Pause"/>: what a person calls "an edit".</summary>
public sealed record EditSession(string AuthorId, int FromVersion, int ToVersion, DateTimeOffset Started, DateTimeOffset Ended, int Inserted, int Deleted);

/// <summary>Groups a history of keystroke-sized operations into who edited when.</summary>
public static class EditSessions
{
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(5);

    /// <summary>The sessions of <paramref name="entries"/> (oldest first), newest first.</summary>
    public static List<EditSession> Of(IEnumerable<DocumentHistoryEntry> entries)
    {
        var sessions = new List<EditSession>();
        foreach (var entry in entries)
        {
            if (sessions.Count > 0 && sessions[^1] is var last && last.AuthorId == entry.AuthorId && entry.CommittedAt - last.Ended <= Pause)
            {
                sessions[^1] = last with { ToVersion = entry.Version, Ended = entry.CommittedAt, Inserted = last.Inserted + entry.Inserted, Deleted = last.Deleted + entry.Deleted };
            }
            else
            {
                sessions.Add(new EditSession(entry.AuthorId, entry.Version, entry.Version, entry.CommittedAt, entry.CommittedAt, entry.Inserted, entry.Deleted));
            }
        }
        sessions.Reverse();
        return sessions;
    }
}
