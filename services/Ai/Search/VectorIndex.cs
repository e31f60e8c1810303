using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Platform.Ai.Data;

namespace Platform.Ai.Search;

/// <summary>One passage's vector as the in-memory index holds it, with what search filters on.</summary>
public sealed record IndexedVector(long ChunkId, Guid ResultId, SourceKind ResultKind, Guid ProjectId, float[] Vector);

/// <summary>A passage as the database returns it to bring an organization's vectors up to date.</summary>
public sealed record VectorChange(long ChunkId, Guid ResultId, SourceKind ResultKind, Guid ProjectId, float[]? Vector, string Model, bool Deleted, long ChangeSeq);

/// <summary>
/// Each replica's copy of the embeddings, per organization, brought up to date before every search with the passages
/// changed since the version it has (Postgres is the truth; see <see cref="SearchIndexVersion"/>). Similarity is a
/// brute-force cosine similarity over the organization's vectors: exact, and linear in their number.
/// An organization nobody has searched for <see cref="IdleFor"/> is dropped; its next search reads its vectors again, as
/// does its first search with another model (its vectors of the old one are of no use).
/// </summary>
public sealed class VectorIndex(TimeProvider clock)
{
    public static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, OrganizationVectors> _organizations = new();
    private DateTimeOffset _lastSweep = clock.GetUtcNow();

    public OrganizationVectors For(Guid organizationId, string model)
    {
        var now = clock.GetUtcNow();
        var vectors = _organizations.AddOrUpdate(organizationId, _ => new OrganizationVectors(model),
            (_, known) => known.Model == model ? known : new OrganizationVectors(model));
        vectors.LastUsed = now;
        if (now - _lastSweep > TimeSpan.FromMinutes(1))
        {
            _lastSweep = now;
            foreach (var (id, idle) in _organizations.Where(o => now - o.Value.LastUsed > IdleFor))
            {
                _organizations.TryRemove(new KeyValuePair<Guid, OrganizationVectors>(id, idle));
            }
        }
        return vectors;
    }

    /// <summary>How many organizations' vectors this replica holds.</summary>
    public int Count => _organizations.Count;

    public sealed class OrganizationVectors(string model)
    {
        /// <summary>The model whose vectors this copy holds.</summary>
        public string Model { get; } = model;

        private readonly Lock _lock = new();
        private readonly Dictionary<long, IndexedVector> _byChunk = [];
        private IndexedVector[] _all = [];

        public long Version { get; private set; }

        public DateTimeOffset LastUsed { get; set; }

        /// <summary>Applies the changes after <see cref="Version"/> up to <paramref name="version"/>; vectors of another model are left out.</summary>
        public void Apply(IReadOnlyList<VectorChange> changes, long version)
        {
            lock (_lock)
            {
                if (version <= Version)
                {
                    return;
                }
                foreach (var change in changes)
                {
                    if (change.ChangeSeq <= Version)
                    {
                        continue;
                    }
                    if (change.Deleted || change.Vector is null || change.Model != Model)
                    {
                        _byChunk.Remove(change.ChunkId);
                    }
                    else
                    {
                        _byChunk[change.ChunkId] = new IndexedVector(change.ChunkId, change.ResultId, change.ResultKind, change.ProjectId, change.Vector);
                    }
                }
                _all = [.. _byChunk.Values];
                Version = version;
            }
        }

        /// <summary>
        /// The <paramref name="count"/> passages most similar to <paramref name="query"/> among those <paramref name="include"/>
        /// accepts, best first, leaving out those not more similar than <paramref name="minimum"/> (unrelated to the query).
        /// </summary>
        public List<(IndexedVector Passage, float Similarity)> Nearest(float[] query, int count, Func<IndexedVector, bool> include, float minimum = 0)
        {
            var best = new PriorityQueue<IndexedVector, float>(count + 1);
            foreach (var passage in _all)
            {
                if (passage.Vector.Length != query.Length || !include(passage))
                {
                    continue;
                }
                var similarity = TensorPrimitives.CosineSimilarity(passage.Vector, query);
                if (similarity <= minimum)
                {
                    continue;
                }
                if (best.Count < count)
                {
                    best.Enqueue(passage, similarity);
                }
                else if (best.TryPeek(out _, out var worst) && similarity > worst)
                {
                    best.EnqueueDequeue(passage, similarity);
                }
            }
            var result = new List<(IndexedVector, float)>(best.Count);
            while (best.TryDequeue(out var passage, out var similarity))
            {
                result.Add((passage, similarity));
            }
            result.Reverse();
            return result;
        }
    }
}
