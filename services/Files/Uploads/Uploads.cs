using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Files.Attachments;
using Platform.Files.Data;
using Platform.Files.Processing;
using Platform.Files.Storage;

namespace Platform.Files.Uploads;

public enum AppendOutcome
{
    Appended,
    NotFound,

    /// <summary>The offset is not where the upload stands (another request got there first, or the client lost track): ask HEAD.</summary>
    OffsetMismatch,

    /// <summary>More bytes than the upload declared.</summary>
    TooLong,

    /// <summary>The first bytes are a program's: the upload is gone.</summary>
    Refused,
}

public sealed record AppendResult(AppendOutcome Outcome, long Offset, StoredFile? File = null);

/// <summary>
/// Resumable uploads: announced with their size (which the organization's quota takes at once), then appended to part
/// by part at the offset they reached. Each part is spooled to a temporary file, then stored as an object of its own, and
/// only then counted (a part is counted once: the row's version guards against a racing request). A request cut off in
/// the middle keeps what arrived, so the client resumes from there. Once the first bytes are in, the file's type is
/// sniffed from them and a program refused; once the last byte is in, the file is queued for the scanner.
/// </summary>
public sealed class Uploads(
    FilesDbContext db, IFileStore store, FileDeletion deletion, IOptions<FilesOptions> options, ProcessingSignal processing, FilesMetrics metrics,
    TimeProvider clock)
{
    public const int MaxNameLength = 255;

    /// <summary>Announces an upload; null when the organization's quota has no room for it.</summary>
    public async Task<StoredFile?> CreateAsync(Guid organizationId, Guid uploadedBy, string name, long length, AttachmentTarget target, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await Quota.TryTakeAsync(db, organizationId, length, options.Value.QuotaBytes, cancellationToken))
        {
            return null;
        }

        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Name = name,
            Length = length,
            TargetKind = target.Kind,
            TargetId = target.TargetId,
            TaskId = target.TaskId,
            ProjectId = target.ProjectId,
            UploadedBy = uploadedBy,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Files.Add(file);
        // Queued for when it expires unfinished; completing it makes it due at once, for the scanner.
        db.Queue.Add(new QueuedFile { FileId = file.Id, OrganizationId = organizationId, DueAt = ExpiresAt(file) });
        if (length == 0)
        {
            await CompleteAsync(file, ContentSniffer.Sniff([], name), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return file;
    }

    public Task<StoredFile?> FindAsync(Guid id, CancellationToken cancellationToken) => db.Files.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>Appends the request's body at <paramref name="offset"/>; what arrived before the client went counts.</summary>
    public async Task<AppendResult> AppendAsync(Guid id, long offset, Stream body, CancellationToken requestAborted)
    {
        // Not cancelled by the client going away: on a busy machine it may go while the upload is looked up, and the bytes
        // it sent before must still be read and kept.
        var file = await FindAsync(id, CancellationToken.None);
        if (file is null)
        {
            return new(AppendOutcome.NotFound, 0);
        }

        if (file.Status != FileStatus.Uploading || offset != file.Received)
        {
            return new(AppendOutcome.OffsetMismatch, file.Received, file);
        }

        await using var spool = TemporaryFile();
        var remaining = file.Length - file.Received;
        var received = await SpoolAsync(body, spool, remaining + 1, requestAborted);
        if (received > remaining)
        {
            return new(AppendOutcome.TooLong, file.Received, file);
        }

        if (received == 0)
        {
            return new(AppendOutcome.Appended, file.Received, file);
        }

        // From here on the client may be gone: what arrived is kept.
        var cancellationToken = CancellationToken.None;
        var reached = file.Received + received;
        SniffedType? sniffed = null;
        if (file.Received < ContentSniffer.HeadBytes && reached >= Math.Min(ContentSniffer.HeadBytes, file.Length))
        {
            sniffed = ContentSniffer.Sniff(await HeadAsync(file, spool, cancellationToken), file.Name);
            if (sniffed.Kind == FileKind.Executable)
            {
                await RemoveAsync(file, cancellationToken);
                metrics.Refused();
                return new(AppendOutcome.Refused, 0, file);
            }
        }

        var part = UploadPart.Name(offset);
        spool.Position = 0;
        await store.PutAsync(StoreKeys.Part(file.OrganizationId, file.Id, part), spool, received, "application/octet-stream", cancellationToken);
        file.Parts.Add(part);
        file.Received = reached;
        if (sniffed is not null)
        {
            file.ContentType = sniffed.ContentType;
        }

        if (reached == file.Length)
        {
            await CompleteAsync(file, sniffed, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request appended at this offset first: this part is not the upload's.
            await store.DeleteAsync(StoreKeys.Part(file.OrganizationId, file.Id, part), cancellationToken);
            var current = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
            return current is null ? new(AppendOutcome.NotFound, 0) : new(AppendOutcome.OffsetMismatch, current.Received, current);
        }

        metrics.Received(received);
        if (file.Status == FileStatus.Pending)
        {
            processing.Wake();
        }

        return new(AppendOutcome.Appended, file.Received, file);
    }

    /// <summary>Abandons an unfinished upload: its parts go and the quota gets its bytes back.</summary>
    public async Task<bool> TerminateAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await FindAsync(id, cancellationToken);
        if (file is not { Status: FileStatus.Uploading })
        {
            return false;
        }

        await RemoveAsync(file, cancellationToken);
        return true;
    }

    /// <summary>When an unfinished upload is deleted (tus <c>Upload-Expires</c>).</summary>
    public DateTimeOffset ExpiresAt(StoredFile file) => file.CreatedAt + options.Value.UploadExpiry;

    private async Task CompleteAsync(StoredFile file, SniffedType? sniffed, CancellationToken cancellationToken)
    {
        file.Status = FileStatus.Pending;
        file.CompletedAt = clock.GetUtcNow();
        if (sniffed is not null)
        {
            file.ContentType = sniffed.ContentType;
        }

        var queued = await db.Queue.FindAsync([file.Id], cancellationToken);
        if (queued is null)
        {
            db.Queue.Add(new QueuedFile { FileId = file.Id, OrganizationId = file.OrganizationId, DueAt = file.CompletedAt.Value });
        }
        else
        {
            queued.DueAt = file.CompletedAt.Value;
        }
    }

    private async Task RemoveAsync(StoredFile file, CancellationToken cancellationToken)
    {
        await deletion.DeleteAsync([file], cancellationToken);
        await deletion.DeleteObjectsAsync([file], cancellationToken);
    }

    /// <summary>The file's first bytes: from the parts already stored, then from the part just spooled.</summary>
    private async Task<byte[]> HeadAsync(StoredFile file, Stream spool, CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        foreach (var part in file.Parts)
        {
            await using var stored = await store.OpenReadAsync(StoreKeys.Part(file.OrganizationId, file.Id, part), cancellationToken)
                ?? throw new InvalidOperationException($"A part of upload {file.Id} is missing from the store.");
            await CopyAtMostAsync(stored, head, ContentSniffer.HeadBytes - head.Length, cancellationToken);
        }

        spool.Position = 0;
        await CopyAtMostAsync(spool, head, ContentSniffer.HeadBytes - head.Length, cancellationToken);
        return head.ToArray();
    }

    private static async Task CopyAtMostAsync(Stream from, Stream to, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while (count > 0 && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; a body cut off by its client ends where it was cut.</summary>
    private static async Task<long> SpoolAsync(Stream body, FileStream spool, long limit, CancellationToken requestAborted)
    {
        var buffer = new byte[81920];
        try
        {
            int read;
            while (spool.Length < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - spool.Length)), requestAborted)) > 0)
            {
                await spool.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException || e is OperationCanceledException && requestAborted.IsCancellationRequested)
        {
            // The client went (or its body ended before its declared length): what arrived is the part.
        }

        await spool.FlushAsync(CancellationToken.None);
        return spool.Length;
    }

    internal static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"platform-files-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
