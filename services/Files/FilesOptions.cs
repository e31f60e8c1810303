namespace Platform.Files;

/// <summary><c>Files</c>: how large a file may be, how much an organization may keep, and how download links are signed.</summary>
public sealed class FilesOptions
{
    public const string Section = "Files";

    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The bytes each organization's files may take together.</summary>
    public long QuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Signs download links (one secret for every replica; changing it ends the links given out).</summary>
    public string? LinkKey { get; set; }

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an upload may take from its announcement: an unfinished one is then deleted and its quota given back.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);
}
