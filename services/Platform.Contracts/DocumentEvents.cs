namespace Platform.Contracts;

/// <summary>
/// A document was created, edited, renamed or deleted. Edits are debounced: one event per quiet spell of a document,
/// carrying the version it reached and the text at that version, so search and AI indexing need not read it back.
/// The text stops after <see cref="MaxText"/> UTF-16 units (<see cref="TextTruncated"/>); a deleted document has none.
/// </summary>
[IntegrationEvent("documents", "platform.document.changed", 1)]
public sealed record DocumentChanged(Guid DocumentId, Guid ProjectId, string Title, string Type, int Version, bool Deleted) : IntegrationEvent
{
    /// <summary>Keeps an event well under the transports' message limits; a design document is rarely longer.</summary>
    public const int MaxText = 1_000_000;

    public override string Subject => DocumentId.ToString();

    public string? Text { get; init; }

    public bool TextTruncated { get; init; }
}
