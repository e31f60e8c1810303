using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Editing;

/// <summary>
/// A document's current text and its most recent operations, kept in memory by the instance that edits it, so a join
/// does not replay history and a submission is transformed without reading the log. The gate serializes its editors.
/// </summary>
public sealed class LiveDocument(Guid id, Guid organizationId, Rope text, int version)
{
    private readonly List<CommittedOp> _recent = [];
    private readonly Lock _recentLock = new();

    public Guid Id { get; } = id;

    public Guid OrganizationId { get; } = organizationId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Rope Text { get; } = text;

    public int Version { get; private set; } = version;

    public long LastUsedTicks { get; set; } = Environment.TickCount64;

    /// <summary>The oldest version after which every operation is in memory.</summary>
    public int RecentFrom => Version - _recent.Count;

    public void Append(CommittedOp op, int keep)
    {
        Text.Apply(op.Op);
        lock (_recentLock)
        {
            Version = op.Version;
            _recent.Add(op);
            if (_recent.Count > 2 * keep)
            {
                _recent.RemoveRange(0, _recent.Count - keep);
            }
        }
    }

    /// <summary>The operations after <paramref name="version"/>, when all of them are in memory. Safe outside the gate.</summary>
    public IReadOnlyList<CommittedOp>? Since(int version)
    {
        lock (_recentLock)
        {
            return version >= RecentFrom && version <= Version ? _recent.GetRange(version - RecentFrom, Version - version) : null;
        }
    }
}
