namespace Platform.Collaboration.Data;

/// <summary>
/// One committed operation: the log that makes every version of a document readable. <c>(document, version)</c> is
/// the key, so two writers can never commit the same version; <c>(document, client, clientSeq)</c> is unique, so a
/// resubmitted operation is never applied twice.
/// </summary>
public sealed class DocumentOperation
{
    public Guid DocumentId { get; set; }

    public int Version { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The operation as committed (transformed past everything before it), in the ot-text-unicode JSON encoding.</summary>
    public required string Op { get; set; }

    /// <summary>The version the client made the operation on.</summary>
    public int BaseVersion { get; set; }

    public required string AuthorId { get; set; }

    public required string ClientId { get; set; }

    public long ClientSeq { get; set; }

    public DateTimeOffset CommittedAt { get; set; }
}
