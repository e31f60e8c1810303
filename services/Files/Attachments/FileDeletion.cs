using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Files.Data;
using Platform.Files.Storage;
using Platform.Files.Uploads;

namespace Platform.Files.Attachments;

/// <summary>
/// Deleting files: their rows (with their text and place in the queue) and their bytes in the quota go in one commit,
/// which also tells search they are gone (<see cref="FileDeleted"/>); their objects in the store are deleted once that
/// committed (<see cref="DeleteObjectsAsync"/>).
/// </summary>
public sealed class FileDeletion(FilesDbContext db, IFileStore store, FilesMetrics metrics, ILogger<FileDeletion> logger)
{
    /// <summary>Inside the caller's transaction if there is one (an event's), else in one of its own.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<StoredFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            var ids = files.Select(f => f.Id).ToList();
            await db.Queue.Where(q => ids.Contains(q.FileId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var file in files)
            {
                db.Files.Remove(file);
                db.AddIntegrationEvent(new FileDeleted(file.Id) { OrganizationId = file.OrganizationId });
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var organization in files.GroupBy(f => f.OrganizationId))
            {
                await Quota.GiveBackAsync(db, organization.Key, organization.Sum(f => f.Length), organization.Count(), cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>After the commit: every object of the files.</summary>
    public async Task DeleteObjectsAsync(IEnumerable<StoredFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await FileObjects.DeleteAsync(store, file, logger, cancellationToken);
            if (file.Status == FileStatus.Clean)
            {
                metrics.Stored(-file.Length);
            }
        }
    }
}
