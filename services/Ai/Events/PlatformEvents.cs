using Platform.Ai.Activity;
using Platform.Ai.Resources;
using Platform.Ai.Search;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;

namespace Platform.Ai.Events;

/// <summary>
/// The events this service consumes (one handler per event type), each passed to what it feeds, in the consumer's
/// transaction: the search index and the activity feed; then listeners of the task or document hear that it changed. A
/// deletion is recorded before the index forgets the title.
/// </summary>
public sealed class PlatformEvents(SearchIndexer index, ActivityLog activity, ResourceChanges changes)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<CommentAdded>, IHandles<TaskDeleted>, IHandles<DocumentChanged>
{
    public async Task HandleAsync(TaskCreated created, CancellationToken cancellationToken)
    {
        await index.HandleAsync(created, cancellationToken);
        await activity.RecordAsync(created, cancellationToken);
        Changed(created);
    }

    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        await index.HandleAsync(updated, cancellationToken);
        await activity.RecordAsync(updated, cancellationToken);
        Changed(updated);
    }

    public async Task HandleAsync(TaskStateChanged moved, CancellationToken cancellationToken)
    {
        await activity.RecordAsync(moved, cancellationToken);
        Changed(moved);
    }

    public async Task HandleAsync(CommentAdded comment, CancellationToken cancellationToken)
    {
        await index.HandleAsync(comment, cancellationToken);
        await activity.RecordAsync(comment, cancellationToken);
        Changed(comment);
    }

    public async Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken)
    {
        await activity.RecordAsync(deleted, cancellationToken);
        await index.HandleAsync(deleted, cancellationToken);
        Changed(deleted);
    }

    public async Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken)
    {
        await index.HandleAsync(changed, cancellationToken);
        await activity.RecordAsync(changed, cancellationToken);
        changes.Publish(PlatformResources.DocumentUri(changed.OrganizationId, changed.DocumentId));
    }

    private void Changed(TaskEvent task) => changes.Publish(PlatformResources.TaskUri(task.OrganizationId, task.Key));
}
