using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Web.Live;

/// <summary>Something that changed in one organization, which open pages of that organization may show.</summary>
public interface ILiveChange
{
    Guid OrganizationId { get; }
}

/// <summary>A task changed: which organization's, which task, and how (the event's type).</summary>
public sealed record TaskChange(Guid OrganizationId, string TaskKey, string EventType) : ILiveChange
{
    public bool IsDeletion => EventType == Platform.EventBus.EventType.Of<TaskDeleted>().Name;

    /// <summary>Only the task's risk changed (the analytics service's assessment), not the task.</summary>
    public bool IsRiskChange => EventType == Platform.EventBus.EventType.Of<RiskChanged>().Name;

    /// <summary>The keys of the task's parent, before and after the change: their subtask lists changed too.</summary>
    public IReadOnlyList<string> Parents { get; init; } = [];

    /// <summary>True when the page of <paramref name="taskKey"/> shows what changed: the task itself, or one of its subtasks.</summary>
    public bool Concerns(string taskKey) =>
        string.Equals(TaskKey, taskKey, StringComparison.OrdinalIgnoreCase) || Parents.Contains(taskKey, StringComparer.OrdinalIgnoreCase);

    /// <summary>Task keys are the project's key, a dash and a number.</summary>
    public bool IsIn(string projectKey) => TaskKey.StartsWith(projectKey + "-", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The organization's activity feed has new entries, committed (see <see cref="ActivityNoticeListener"/>).</summary>
public sealed record ActivityAppended(Guid OrganizationId) : ILiveChange;

/// <summary>
/// Hands the platform's changes to the open pages of the organization they belong to, and to no other: a page
/// subscribes with its person's organization. A page then reads what changed with its own token, so what it may see
/// is decided by the API as for any other read.
/// </summary>
public sealed class LiveFeed<TChange> where TChange : ILiveChange
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<TChange, Task>>> _pages = new();

    /// <summary>The changes of the signed-in person's organization that <paramref name="concerns"/> the page; none before the page is connected.</summary>
    public async Task<IDisposable?> SubscribeAsync(
        Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider authentication, Func<TChange, bool> concerns, Func<TChange, Task> onChange)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.OrganizationIdOrNull() is { } organization
            ? Subscribe(organization, change => concerns(change) ? onChange(change) : Task.CompletedTask)
            : null;
    }

    public IDisposable Subscribe(Guid organizationId, Func<TChange, Task> onChange)
    {
        var id = Guid.NewGuid();
        _pages.GetOrAdd(organizationId, _ => new())[id] = onChange;
        return new Subscription(() => _pages.GetValueOrDefault(organizationId)?.TryRemove(id, out _));
    }

    public async Task PublishAsync(TChange change, ILogger logger)
    {
        foreach (var onChange in _pages.GetValueOrDefault(change.OrganizationId)?.Values ?? [])
        {
            try
            {
                await onChange(change);
            }
            catch (Exception e)
            {
                // One page's failure (a circuit going away) is not the others'.
                LiveFeedLog.PageFailed(logger, change.ToString()!, e);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}

internal static partial class LiveFeedLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A page could not take the change {Change}")]
    public static partial void PageFailed(ILogger logger, string change, Exception exception);
}
