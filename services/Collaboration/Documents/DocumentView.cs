using Platform.Collaboration.Data;

namespace Platform.Collaboration.Documents;

public sealed record DocumentView(
    Guid Id, Guid ProjectId, string Project, string Title, string Type, int Version, int Length,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DocumentView Of(Document d) =>
        new(d.Id, d.ProjectId, d.ProjectKey, d.Title, DocumentTypes.Name(d.Type), d.Version, d.Length, d.CreatedBy, d.CreatedAt, d.UpdatedAt);
}

/// <summary>A document's text at a version.</summary>
public sealed record DocumentContentView(DocumentView Document, int Version, string Content);

/// <summary>One entry of a document's history: who changed what, when.</summary>
public sealed record HistoryEntryView(int Version, string AuthorId, DateTimeOffset CommittedAt, int Inserted, int Deleted, Ot.TextOperation Op);
