using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Files.Attachments;
using Platform.Files.Data;
using Platform.Files.Scanning;
using Platform.Files.Storage;
using Platform.Files.Uploads;

namespace Platform.Files.Processing;

/// <summary>
/// One complete upload, from pending to clean or infected: its parts put together into one temporary file (hashed on the
/// way), scanned by clamd, then either quarantined (the uploader is told through <see cref="FileQuarantined"/>) or stored
/// as the original and processed: its type sniffed again from the whole, its text extracted (and published for search),
/// an image's variants made. A file that cannot be processed (a broken PDF) is still clean and downloadable, with the
/// reason kept. The parts go once the outcome is committed.
/// </summary>
public sealed partial class FileScan(
    FilesDbContext db, IFileStore store, ClamdScanner scanner, FilesMetrics metrics, TimeProvider clock, ILogger<FileScan> logger,
    Uploads.Uploads uploads, FileDeletion deletion)
{
    /// <summary>How long a file waits for the scanner after its <paramref name="attempts"/>-th try failed: 15 s, doubling, at most 15 min.</summary>
    public static TimeSpan RetryAfter(int attempts) => TimeSpan.FromSeconds(Math.Min(15 * Math.Pow(2, Math.Min(attempts - 1, 10)), 900));

    public const int MaxEventTextCharacters = 200_000;

    public async Task RunAsync(Guid fileId, int attempts, CancellationToken cancellationToken)
    {
        var queued = await db.Queue.FirstOrDefaultAsync(q => q.FileId == fileId, cancellationToken);
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is { Status: FileStatus.Uploading })
        {
            await ExpireAsync(file, queued, cancellationToken);
            return;
        }

        if (file is not { Status: FileStatus.Pending })
        {
            // Deleted meanwhile, or already done.
            await db.Queue.Where(q => q.FileId == fileId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await using var whole = Uploads.Uploads.TemporaryFile();
        file.Sha256 = await AssembleAsync(file, whole, cancellationToken);
        whole.Position = 0;
        var verdict = await scanner.ScanAsync(whole, cancellationToken);
        metrics.Scanned(verdict.Outcome.ToString().ToLowerInvariant());
        if (verdict.Outcome == ScanOutcome.Failed)
        {
            LogScanFailed(logger, file.Id, verdict.Detail);
            file.ScanResult = verdict.Detail is { } detail ? Clip(detail, 300) : null;
            if (queued is not null)
            {
                queued.DueAt = clock.GetUtcNow() + RetryAfter(attempts);
            }

            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var parts = file.Parts.ToList();
        file.ScannedAt = clock.GetUtcNow();
        file.ScanResult = verdict.Detail;
        whole.Position = 0;
        if (verdict.Outcome == ScanOutcome.Infected)
        {
            await store.PutAsync(StoreKeys.Quarantine(file.OrganizationId, file.Id), whole, file.Length, "application/octet-stream", cancellationToken);
            file.Status = FileStatus.Infected;
            db.AddIntegrationEvent(new FileQuarantined(file.Id, file.Name, file.UploadedBy, verdict.Detail ?? "", file.TargetKind, file.TargetId, file.TaskId)
            {
                OrganizationId = file.OrganizationId,
            });
        }
        else
        {
            await store.PutAsync(StoreKeys.Variant(file.OrganizationId, file.Id, FileVariant.Original), whole, file.Length, file.ContentType, cancellationToken);
            file.Status = FileStatus.Clean;
            metrics.Stored(file.Length);
            await ProcessAsync(file, whole, cancellationToken);
        }

        file.Parts.Clear();
        if (queued is not null)
        {
            db.Queue.Remove(queued);
        }

        await db.SaveChangesAsync(cancellationToken);
        metrics.Processed(clock.GetUtcNow() - (file.CompletedAt ?? file.CreatedAt));
        foreach (var part in parts)
        {
            await store.DeleteAsync(StoreKeys.Part(file.OrganizationId, file.Id, part), cancellationToken);
        }
    }

    /// <summary>An upload still unfinished when it expires is deleted, with its parts, and its quota given back.</summary>
    private async Task ExpireAsync(StoredFile file, QueuedFile? queued, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() < uploads.ExpiresAt(file))
        {
            // Claimed before its time (a lease that ended): back to when it expires.
            if (queued is not null)
            {
                queued.DueAt = uploads.ExpiresAt(file);
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        LogExpired(logger, file.Id, file.Received, file.Length);
        await deletion.DeleteAsync([file], cancellationToken);
        await deletion.DeleteObjectsAsync([file], cancellationToken);
    }

    /// <summary>Puts the parts together in order; returns the whole's SHA-256 (hex).</summary>
    private async Task<string> AssembleAsync(StoredFile file, FileStream whole, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var part in file.Parts)
        {
            await using var stored = await store.OpenReadAsync(StoreKeys.Part(file.OrganizationId, file.Id, part), cancellationToken)
                ?? throw new InvalidOperationException($"A part of upload {file.Id} is missing from the store.");
            int read;
            while ((read = await stored.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await whole.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        await whole.FlushAsync(cancellationToken);
        if (whole.Length != file.Length)
        {
            throw new InvalidOperationException($"The parts of upload {file.Id} hold {whole.Length} bytes, not {file.Length}.");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task ProcessAsync(StoredFile file, FileStream whole, CancellationToken cancellationToken)
    {
        var head = new byte[ContentSniffer.HeadBytes];
        whole.Position = 0;
        var type = ContentSniffer.Sniff(head.AsSpan(0, await whole.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken)), file.Name);
        try
        {
            if (type.Kind == FileKind.Office && !TextExtraction.IsOfficeDocument(whole.Name, type.ContentType))
            {
                type = new SniffedType("application/zip", FileKind.Archive);
            }

            file.ContentType = type.ContentType;
            if (TextExtraction.Extract(whole.Name, type) is { Length: > 0 } text)
            {
                file.TextLength = text.Length;
                db.Texts.Add(new FileText { FileId = file.Id, OrganizationId = file.OrganizationId, Text = text });
                db.AddIntegrationEvent(new FileTextExtracted(
                    file.Id, file.Name, file.ContentType, file.TargetKind, file.TargetId, file.TaskId, file.ProjectId, text[..Math.Min(text.Length, MaxEventTextCharacters)])
                {
                    OrganizationId = file.OrganizationId,
                });
            }

            if (type.Kind == FileKind.Image)
            {
                var made = ImageVariants.Make(whole.Name);
                (file.Width, file.Height) = (made.Width, made.Height);
                await PutVariantAsync(file, FileVariant.Thumbnail, made.Thumbnail, cancellationToken);
                await PutVariantAsync(file, FileVariant.Web, made.Web, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException)
        {
            // The file's own content is at fault (a broken PDF, a truncated image): it stays downloadable as it is.
            LogProcessingFailed(logger, e, file.Id);
            file.ProcessingError = Clip($"{type.ContentType} could not be read: {e.Message}", 500);
        }
    }

    private async Task PutVariantAsync(StoredFile file, string variant, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes);
        await store.PutAsync(StoreKeys.Variant(file.OrganizationId, file.Id, variant), content, bytes.Length, "image/webp", cancellationToken);
        file.Variants.Add(variant);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scanner gave no verdict on file {FileId}: {Detail}; it is scanned again later")]
    private static partial void LogScanFailed(ILogger logger, Guid fileId, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {FileId} expired unfinished ({Received} of {Length} bytes); it is deleted")]
    private static partial void LogExpired(ILogger logger, Guid fileId, long received, long length);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} is clean but its content could not be processed")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, Guid fileId);
}
