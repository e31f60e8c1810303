namespace Platform.Contracts;

/// <summary>
/// The text inside an attached file (a PDF, an Office document, markdown, a log), extracted once the file was scanned
/// clean: search indexes it under what the file is attached to (<see cref="TaskId"/>, or the document <see cref="TargetId"/>).
/// </summary>
[IntegrationEvent("files", "platform.file.text-extracted", 1)]
public sealed record FileTextExtracted(
    Guid FileId, string Name, string ContentType, string TargetKind, Guid TargetId, Guid? TaskId, Guid? ProjectId, string Text) : IntegrationEvent
{
    public override string Subject => FileId.ToString();
}

/// <summary>The scanner found a signature in an upload: the file is quarantined, never served, and its uploader is told.</summary>
[IntegrationEvent("files", "platform.file.quarantined", 1)]
public sealed record FileQuarantined(Guid FileId, string Name, Guid UploadedBy, string Signature, string TargetKind, Guid TargetId, Guid? TaskId)
    : IntegrationEvent
{
    public override string Subject => FileId.ToString();
}

/// <summary>A file is gone with all its variants (deleted, or what it was attached to was).</summary>
[IntegrationEvent("files", "platform.file.deleted", 1)]
public sealed record FileDeleted(Guid FileId) : IntegrationEvent
{
    public override string Subject => FileId.ToString();
}
