using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;

namespace Platform.Collaboration.Editing;

/// <summary>
/// The documents this instance has open, by id. Another instance may have committed since: callers catch a live
/// document up from the log (<see cref="CatchUpAsync"/>) under its gate before they read or extend it.
/// Documents nobody touched for ten minutes are dropped.
/// </summary>
public sealed class LiveDocuments : IDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, LiveDocument> _open = new();
    private readonly ITimer _sweeper;
    private readonly int _keep;

    public LiveDocuments(TimeProvider clock, IOptions<CollaborationOptions> options)
    {
        _keep = options.Value.MaxVersionsBehind;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int OpenCount => _open.Count;

    /// <summary>The live document, loaded from the log if this instance does not hold it; null when it does not exist for the caller's organization.</summary>
    public async Task<LiveDocument?> GetAsync(Guid documentId, Guid organizationId, CollaborationDbContext db, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(documentId, out var live))
        {
            // Ids are global; the organization check keeps one tenant's cached text from another.
            return live.OrganizationId == organizationId ? Touch(live) : null;
        }
        var version = await db.Documents.Where(d => d.Id == documentId).Select(d => (int?)d.Version).FirstOrDefaultAsync(cancellationToken);
        if (version is null || await new DocumentLog(db).TextAtAsync(documentId, version.Value, cancellationToken) is not { } text)
        {
            return null;
        }
        return Touch(_open.GetOrAdd(documentId, new LiveDocument(documentId, organizationId, text, version.Value)));
    }

    /// <summary>Applies what other instances committed since this one last looked. Call under the document's gate.</summary>
    public async Task CatchUpAsync(LiveDocument live, DocumentLog log, CancellationToken cancellationToken)
    {
        foreach (var op in await log.OpsAsync(live.Id, live.Version, null, cancellationToken))
        {
            live.Append(op, _keep);
        }
    }

    public void Append(LiveDocument live, Ot.CommittedOp op) => live.Append(op, _keep);

    public void Forget(Guid documentId) => _open.TryRemove(documentId, out _);

    public void Dispose() => _sweeper.Dispose();

    private static LiveDocument Touch(LiveDocument live)
    {
        live.LastUsedTicks = Environment.TickCount64;
        return live;
    }

    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)IdleLimit.TotalMilliseconds;
        foreach (var (id, live) in _open)
        {
            if (live.LastUsedTicks < cutoff && live.Gate.CurrentCount == 1)
            {
                _open.TryRemove(id, out _);
            }
        }
    }
}
