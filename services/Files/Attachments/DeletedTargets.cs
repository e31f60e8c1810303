using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;
using Platform.Files.Data;

namespace Platform.Files.Attachments;

/// <summary>A deleted task (with its comments) or document takes its attachments with it.</summary>
public sealed class DeletedTargets(FilesDbContext db, FileDeletion deletion, AfterCommit afterCommit) : IHandles<TaskDeleted>, IHandles<DocumentChanged>
{
    public async Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken) =>
        await DeleteAsync(await db.Files.Where(f => f.TaskId == deleted.TaskId).ToListAsync(cancellationToken), cancellationToken);

    public async Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken)
    {
        if (changed.Deleted)
        {
            await DeleteAsync(await db.Files.Where(f => f.TargetId == changed.DocumentId).ToListAsync(cancellationToken), cancellationToken);
        }
    }

    private async Task DeleteAsync(List<StoredFile> files, CancellationToken cancellationToken)
    {
        await deletion.DeleteAsync(files, cancellationToken);
        if (files.Count > 0)
        {
            afterCommit.Add(() => _ = deletion.DeleteObjectsAsync(files, CancellationToken.None));
        }
    }
}
