namespace Platform.Files.Data;

/// <summary>
/// A file attached to a task, a comment or a document: what it is (its type sniffed from its bytes, never taken from the
/// client), where its upload stands, what the virus scan found, and what processing made of it. Its bytes (the parts of
/// an unfinished upload, then the original and its variants) are in the file store under <see cref="Id"/>.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>Sniffed from the first bytes once they arrived; empty until then.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The size the upload declared; the upload is complete when <see cref="Received"/> reaches it.</summary>
    public long Length { get; set; }

    public long Received { get; set; }

    /// <summary>
    /// The stored parts of the upload in order (a part is what one request brought, or as much of it as arrived), each
    /// named by its offset and a nonce (<see cref="UploadPart"/>): two requests racing for one offset never write one object.
    /// </summary>
    public List<string> Parts { get; set; } = [];

    /// <summary>Postgres' xmin: a change made meanwhile by another request fails this one's save.</summary>
    public uint Version { get; set; }

    public string Status { get; set; } = FileStatus.Uploading;

    /// <summary>Hex SHA-256 of the whole file, once assembled.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The signature the scanner named (infected), or why the scan failed.</summary>
    public string? ScanResult { get; set; }

    public required string TargetKind { get; set; }

    public Guid TargetId { get; set; }

    /// <summary>The task a comment belongs to (a comment's attachments are shown on its task).</summary>
    public Guid? TaskId { get; set; }

    public Guid? ProjectId { get; set; }

    public Guid UploadedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ScannedAt { get; set; }

    /// <summary>Pixel size of an image (before its variants were made).</summary>
    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>The variants processing stored (<see cref="FileVariant"/> names).</summary>
    public List<string> Variants { get; set; } = [];

    /// <summary>Characters of text extracted (0: none).</summary>
    public int TextLength { get; set; }

    /// <summary>Why text or variants could not be made (the file stays downloadable).</summary>
    public string? ProcessingError { get; set; }
}

public static class UploadPart
{
    public static string Name(long offset) => $"{offset:D12}-{Guid.NewGuid():N}";

    public static long Offset(string name) => long.Parse(name.AsSpan(0, 12), System.Globalization.CultureInfo.InvariantCulture);
}

public static class FileStatus
{
    /// <summary>Parts are arriving.</summary>
    public const string Uploading = "uploading";

    /// <summary>Complete, not scanned yet: not downloadable.</summary>
    public const string Pending = "pending";

    /// <summary>Scanned and found clean: downloadable.</summary>
    public const string Clean = "clean";

    /// <summary>The scanner found a signature: quarantined, never downloadable.</summary>
    public const string Infected = "infected";
}

/// <summary>What processing makes of a file besides its text.</summary>
public static class FileVariant
{
    public const string Original = "original";

    /// <summary>An image at most 320 pixels on its longer side (WebP).</summary>
    public const string Thumbnail = "thumbnail";

    /// <summary>An image at most 1920 pixels on its longer side, without its metadata (WebP).</summary>
    public const string Web = "web";

    public static bool IsKnown(string name) => name is Original or Thumbnail or Web;
}

public static class TargetKinds
{
    public const string Task = "task";
    public const string Comment = "comment";
    public const string Document = "document";
}
