namespace Platform.Ai.Data;

/// <summary>
/// A passage of a source with its embedding; Postgres also keeps its full-text vector (column <c>tsv</c>, generated).
/// Rows are never deleted, only emptied (<see cref="Deleted"/>), and every change takes the organization's next
/// <see cref="ChangeSeq"/>: that is how each replica's in-memory vector index catches up by reading only what changed.
/// </summary>
public sealed class SearchChunk
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid SourceId { get; set; }

    public int ChunkNo { get; set; }

    public Guid ResultId { get; set; }

    /// <summary>Task or Document: what a hit on this passage is.</summary>
    public SourceKind ResultKind { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>Weighted above the content in full-text ranking: the task's key and title, or the document's title.</summary>
    public string Heading { get; set; } = "";

    public string Content { get; set; } = "";

    public float[]? Embedding { get; set; }

    /// <summary>The embedding generator that made <see cref="Embedding"/>; vectors of another model are not compared.</summary>
    public string EmbeddingModel { get; set; } = "";

    public bool Deleted { get; set; }

    public long ChangeSeq { get; set; }
}
