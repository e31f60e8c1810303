namespace Platform.Files.Data;

/// <summary>The text extracted from a file (what search indexes and an AI assistant reads).</summary>
public sealed class FileText
{
    public Guid FileId { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Text { get; set; }
}
