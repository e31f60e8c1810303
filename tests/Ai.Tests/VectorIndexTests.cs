using Microsoft.Extensions.Time.Testing;
using Platform.Ai.Data;
using Platform.Ai.Search;

namespace Platform.Ai.Tests;

public sealed class VectorIndexTests
{
    private static readonly Guid Project = Guid.NewGuid();

    private static VectorChange Change(long chunk, float[]? vector, long seq, string model = "m", bool deleted = false, SourceKind kind = SourceKind.Task) =>
        new(chunk, Guid.NewGuid(), kind, Project, vector, model, deleted, seq);

    [Fact]
    public void Nearest_ranks_by_cosine_and_skips_other_models_deleted_and_filtered_passages()
    {
        var vectors = new VectorIndex(TimeProvider.System).For(Guid.NewGuid(), "m");
        vectors.Apply([
            Change(1, [1, 0, 0], 1),
            Change(2, [1, 1, 0], 1),
            Change(3, [0, 1, 0], 1),
            Change(4, [1, 0, 0], 1, model: "other"),
            Change(5, [1, 0, 0], 1, kind: SourceKind.Document),
        ], version: 1);

        var nearest = vectors.Nearest([1, 0, 0], 10, p => p.ResultKind == SourceKind.Task);

        Assert.Equal([1L, 2L], nearest.Select(n => n.Passage.ChunkId));
        Assert.Equal(1f, nearest[0].Similarity, 4);
    }

    [Fact]
    public void Later_changes_replace_and_delete_and_older_versions_are_ignored()
    {
        var vectors = new VectorIndex(TimeProvider.System).For(Guid.NewGuid(), "m");
        vectors.Apply([Change(1, [1, 0], 1), Change(2, [0, 1], 2)], version: 2);
        vectors.Apply([Change(1, null, 3, deleted: true), Change(2, [1, 0], 3)], version: 3);
        // A search that read an older version applies nothing.
        vectors.Apply([Change(1, [1, 0], 2)], version: 2);

        Assert.Equal(3, vectors.Version);
        Assert.Equal([2L], vectors.Nearest([1, 0], 10, _ => true).Select(n => n.Passage.ChunkId));
    }

    [Fact]
    public void Organizations_nobody_searches_are_dropped_after_a_while()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var index = new VectorIndex(clock);
        var idle = Guid.NewGuid();
        index.For(idle, "m").Apply([Change(1, [1, 0], 1)], version: 1);

        clock.Advance(VectorIndex.IdleFor / 2);
        var busy = Guid.NewGuid();
        var busyVectors = index.For(busy, "m");
        Assert.Equal(2, index.Count);
        clock.Advance(VectorIndex.IdleFor / 2 + TimeSpan.FromMinutes(2));
        Assert.Same(busyVectors, index.For(busy, "m"));

        Assert.Equal(1, index.Count);
        Assert.Equal(0, index.For(idle, "m").Version);
    }

    [Fact]
    public void An_organizations_first_search_with_another_model_starts_a_new_copy_without_the_old_models_vectors()
    {
        var index = new VectorIndex(TimeProvider.System);
        var organization = Guid.NewGuid();
        index.For(organization, "m").Apply([Change(1, [1, 0], 1)], version: 1);

        var other = index.For(organization, "other");

        Assert.Equal((0, "other"), (other.Version, other.Model));
        Assert.Empty(other.Nearest([1, 0], 10, _ => true));
        Assert.Same(other, index.For(organization, "other"));
    }
}
