using Platform.Files.Data;
using Platform.Files.Downloads;

namespace Platform.Files.Attachments;

/// <summary>
/// A file as clients see it. <see cref="Links"/> (a clean file's, signed and short-lived) open its original and variants
/// without a token: the gateway's address followed by the link. <see cref="Signature"/> is what the scanner found in an
/// infected file.
/// </summary>
public sealed record FileView(
    Guid Id, string Name, string ContentType, long Length, long Received, string Status, string? Sha256, string? Signature,
    string TargetKind, Guid TargetId, Guid? TaskId, Guid? ProjectId, Guid UploadedBy, DateTimeOffset CreatedAt, DateTimeOffset? ScannedAt,
    int? Width, int? Height, List<string> Variants, int TextLength, string? ProcessingError, FileLinks? Links)
{
    public static FileView Of(StoredFile f, SignedLinks links, string pathBase) => new(
        f.Id, f.Name, f.ContentType, f.Length, f.Received, f.Status, f.Sha256, f.Status == FileStatus.Infected ? f.ScanResult : null,
        f.TargetKind, f.TargetId, f.TaskId, f.ProjectId, f.UploadedBy, f.CreatedAt, f.ScannedAt, f.Width, f.Height, f.Variants, f.TextLength,
        f.ProcessingError, f.Status == FileStatus.Clean ? FileLinks.Of(f, links, pathBase) : null);
}

public sealed record FileLinks(string Original, string? Thumbnail, string? Web, DateTimeOffset ExpiresAt)
{
    public static FileLinks Of(StoredFile file, SignedLinks links, string pathBase)
    {
        string? Variant(string variant) => file.Variants.Contains(variant) ? pathBase + links.Create(file.OrganizationId, file.Id, variant).Path : null;

        var original = links.Create(file.OrganizationId, file.Id, FileVariant.Original);
        return new FileLinks(pathBase + original.Path, Variant(FileVariant.Thumbnail), Variant(FileVariant.Web), original.ExpiresAt);
    }
}
