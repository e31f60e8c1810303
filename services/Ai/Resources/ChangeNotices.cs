using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;

namespace Platform.Ai.Resources;

/// <summary>
/// Tells MCP clients listening on any replica that a task or document changed (<see cref="ResourceChanges"/>), once the
/// handling of its event is committed: a client that reads the resource on hearing of it then finds it indexed.
/// </summary>
public sealed class ChangeNotices(AfterCommit afterCommit, ResourceChanges changes)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<CommentAdded>, IHandles<TaskDeleted>, IHandles<DocumentChanged>
{
    public Task HandleAsync(TaskCreated created, CancellationToken cancellationToken) => Changed(created);

    public Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken) => Changed(updated);

    public Task HandleAsync(TaskStateChanged moved, CancellationToken cancellationToken) => Changed(moved);

    public Task HandleAsync(CommentAdded comment, CancellationToken cancellationToken) => Changed(comment);

    public Task HandleAsync(TaskDeleted deleted, CancellationToken cancellationToken) => Changed(deleted);

    public Task HandleAsync(DocumentChanged changed, CancellationToken cancellationToken) =>
        Publish(PlatformResources.DocumentUri(changed.OrganizationId, changed.DocumentId));

    private Task Changed(TaskEvent task) => Publish(PlatformResources.TaskUri(task.OrganizationId, task.Key));

    private Task Publish(string uri)
    {
        afterCommit.Add(() => changes.Publish(uri));
        return Task.CompletedTask;
    }
}
