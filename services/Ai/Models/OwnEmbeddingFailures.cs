using System.Collections.Concurrent;

namespace Platform.Ai.Models;

/// <summary>
/// The last failure of each organization's own embeddings endpoint, on this replica. After one, the endpoint is left
/// alone for <see cref="Rest"/>: searches go by full text and passages wait, instead of every search waiting for an
/// endpoint that is down and one organization's endpoint holding the embedding worker that all organizations share.
/// The failure is the organization's to see (<see cref="Search.IndexProgress"/>) until its endpoint answers again or its
/// settings change.
/// </summary>
public sealed class OwnEmbeddingFailures(TimeProvider clock)
{
    public static readonly TimeSpan Rest = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (string Problem, DateTimeOffset At)> _failures = new();

    public void Failed(Guid organizationId, Exception exception) => _failures[organizationId] =
        ($"The organization's embeddings endpoint failed ({exception.Message}); passages wait for it and are found by full text meanwhile.", clock.GetUtcNow());

    /// <summary>It answered, or the organization changed its settings.</summary>
    public void Cleared(Guid organizationId) => _failures.TryRemove(organizationId, out _);

    public string? ProblemOf(Guid organizationId) => _failures.TryGetValue(organizationId, out var failure) ? failure.Problem : null;

    /// <summary>Whether the endpoint failed less than <see cref="Rest"/> ago, and is not to be called yet.</summary>
    public bool Resting(Guid organizationId) => _failures.TryGetValue(organizationId, out var failure) && clock.GetUtcNow() - failure.At < Rest;
}
