namespace Platform.Contracts;

/// <summary>
/// A document was created, edited, renamed or deleted. Edits are debounced: one event per quiet spell of a document,
/// carrying the version it reached, so search and AI indexing read the text once per burst of typing.
/// </summary>
[IntegrationEvent("documents", "platform.document.changed", 1)]
public sealed record DocumentChanged(Guid DocumentId, Guid ProjectId, string Title, string Type, int Version, bool Deleted) : IntegrationEvent
{
    public override string Subject => DocumentId.ToString();
}
