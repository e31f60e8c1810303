namespace Platform.Collaboration.Ot;

/// <summary>
/// The live-editing hub's contract, shared by the collaboration service and every .NET client (README "Collaboration"):
/// where it is, what clients call, and what it sends them (<see cref="IDocumentClient"/>).
/// </summary>
public static class DocumentHubContract
{
    /// <summary>The hub's path on the collaboration service (through the gateway: <c>/api/collaboration/hubs/documents</c>).</summary>
    public const string Path = "/hubs/documents";

    /// <summary>Join a document: (documentId, knownVersion or null) → <see cref="JoinResult"/>.</summary>
    public const string Join = "Join";

    /// <summary>Submit an operation: (documentId, baseVersion, op, clientId, clientSeq) → the version it was committed as.</summary>
    public const string Submit = "Submit";

    /// <summary>Share a cursor or selection: (documentId, version, selection).</summary>
    public const string UpdatePresence = "UpdatePresence";

    /// <summary>Leave a document: (documentId).</summary>
    public const string Leave = "Leave";

    /// <summary>
    /// The connection's query parameter naming an assistant that edits for the token's person (<c>?agent=AI assistant</c>):
    /// others see it as "AI assistant (for Alice)", not as Alice.
    /// </summary>
    public const string AgentParameter = "agent";

    /// <summary>
    /// How an assistant acting for <paramref name="userId"/> starts its client ids, so that person's editor can tell its
    /// edits apart and let them undo one like their own.
    /// </summary>
    public static string AssistantClientPrefix(string userId) => $"assistant:{userId}:";
}

/// <summary>What the hub sends a client of a document it joined.</summary>
public interface IDocumentClient
{
    /// <summary>Operations committed to the document, in version order, the client's own included (their acks as well).</summary>
    Task Committed(Guid documentId, CommittedOp[] ops);

    Task PresenceChanged(Guid documentId, PresenceView presence);

    Task PresenceLeft(Guid documentId, string connectionId);

    /// <summary>The document was deleted; the client stops editing it.</summary>
    Task Deleted(Guid documentId);
}

/// <summary>Who is in a document, with their selection at the version they last reported it.</summary>
public sealed record PresenceView(string ConnectionId, string UserId, string Name, Selection? Selection, int Version);

/// <summary>What a joining client starts from: the text at a version, or (when it already has an older version) the operations since.</summary>
/// <param name="OpsPerSecond">Submissions a second the connection may send (<see cref="SubmissionPacing"/>); more are refused as <c>rate_limited</c>.</param>
public sealed record JoinResult(Guid DocumentId, int Version, string? Text, IReadOnlyList<CommittedOp>? Ops, IReadOnlyList<PresenceView> Presence, int OpsPerSecond);
