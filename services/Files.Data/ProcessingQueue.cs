namespace Platform.Files.Data;

/// <summary>
/// A complete upload waiting to be scanned and processed. Outside row-level security (the processor claims work across
/// organizations, then handles each file inside its own); it holds ids only.
/// </summary>
public sealed class QueuedFile
{
    public Guid FileId { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }
}
