using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Search;
using System.Text.Json;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Testing;

namespace Platform.Ai.Tests;

/// <summary>
/// Passages are embedded outside the indexer's transaction: new ones, changed ones, and those of a model no longer
/// configured, on a real Postgres.
/// </summary>
public sealed class PassageEmbeddingTests : IAsyncLifetime
{
    private readonly InterruptibleEmbedder _embedder = new();
    private LocalServers? _servers;
    private IHost? _host;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([AiDataExtensions.ConnectionName], cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{AiDataExtensions.ConnectionName}"] = await _servers.ConnectionStringAsync(AiDataExtensions.ConnectionName, cancellationToken),
        });
        builder.AddAiData();
        builder.Services.AddEmbeddingGenerator(_embedder);
        builder.Services.AddEmbeddingModels();
        builder.Services.AddSingleton<PassageEmbedding>();
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddScoped<AfterCommit>();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
    }

    [Fact]
    public async Task Passages_of_another_model_are_embedded_again_in_batches_as_new_index_versions()
    {
        var organization = Guid.NewGuid();
        var other = Guid.NewGuid();
        await AddChunksAsync(organization, count: PassageEmbedding.BatchSize + 6, model: "retired-model");
        await AddChunksAsync(organization, count: 3, model: HashedNGramEmbedder.ModelId);
        await AddChunksAsync(organization, count: 2, model: "retired-model", deleted: true);
        await AddChunksAsync(other, count: 5, model: "retired-model");
        var embedding = _host!.Services.GetRequiredService<PassageEmbedding>();
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.Equal(PassageEmbedding.BatchSize, await embedding.EmbedBatchAsync(organization, cancellationToken));
        Assert.Equal(6, await embedding.EmbedBatchAsync(organization, cancellationToken));
        Assert.Equal(0, await embedding.EmbedBatchAsync(organization, cancellationToken));

        var chunks = await ChunksAsync(organization);
        var live = chunks.Where(c => !c.Deleted).ToList();
        Assert.All(live, c => Assert.Equal(HashedNGramEmbedder.ModelId, c.EmbeddingModel));
        var redone = live.Where(c => c.ChangeSeq > 0).ToList();
        Assert.Equal(PassageEmbedding.BatchSize + 6, redone.Count);
        Assert.Equal([1, 2], redone.Select(c => c.ChangeSeq).Distinct().Order());
        var expected = await _embedder.GenerateAsync(redone.Select(c => $"{c.Heading}\n{c.Content}"), cancellationToken: cancellationToken);
        Assert.All(redone.Zip(expected), pair => Assert.Equal(pair.Second.Vector.ToArray(), pair.First.Embedding));
        Assert.All(chunks.Where(c => c.Deleted), c => Assert.Equal("retired-model", c.EmbeddingModel));
        // Another organization's passages wait for its own turn.
        Assert.All(await ChunksAsync(other), c => Assert.Equal("retired-model", c.EmbeddingModel));
    }

    [Fact]
    public async Task The_indexer_stores_passages_without_embedding_and_keeps_the_embedding_of_a_passage_that_did_not_change()
    {
        var organization = Guid.NewGuid();
        var task = new TaskCreated(Guid.NewGuid(), Guid.NewGuid(), "EMB-1", "Replicate the ledger") { OrganizationId = organization, Description = "Copied nightly." };
        var embedding = _host!.Services.GetRequiredService<PassageEmbedding>();
        var cancellationToken = TestContext.Current.CancellationToken;

        await IndexAsync(organization, indexer => indexer.HandleAsync(task, cancellationToken));
        var written = Assert.Single(await ChunksAsync(organization));
        Assert.Null(written.Embedding);
        Assert.Equal(1, await embedding.EmbedBatchAsync(organization, cancellationToken));
        var embedded = Assert.Single(await ChunksAsync(organization));
        Assert.Equal(HashedNGramEmbedder.ModelId, embedded.EmbeddingModel);

        // The same text again (a later event that changed another field): nothing to embed, no new index version.
        await IndexAsync(organization, indexer => indexer.HandleAsync(task with { OccurredAt = task.OccurredAt.AddSeconds(1) }, cancellationToken));
        var kept = Assert.Single(await ChunksAsync(organization));
        Assert.Equal(embedded.Embedding, kept.Embedding);
        Assert.Equal(embedded.ChangeSeq, kept.ChangeSeq);
        Assert.Equal(0, await embedding.EmbedBatchAsync(organization, cancellationToken));
    }

    [Fact]
    public async Task A_passage_rewritten_while_the_model_runs_keeps_its_new_text_and_is_embedded_in_the_next_batch()
    {
        var organization = Guid.NewGuid();
        var task = new TaskCreated(Guid.NewGuid(), Guid.NewGuid(), "EMB-2", "First title") { OrganizationId = organization };
        var embedding = _host!.Services.GetRequiredService<PassageEmbedding>();
        var cancellationToken = TestContext.Current.CancellationToken;
        await IndexAsync(organization, indexer => indexer.HandleAsync(task, cancellationToken));
        var renamed = new TaskUpdated(task.TaskId, task.ProjectId, "EMB-2", new Dictionary<string, FieldChange>
        {
            ["title"] = new(JsonSerializer.SerializeToElement("First title"), JsonSerializer.SerializeToElement("Second title")),
        }) { OrganizationId = organization, OccurredAt = task.OccurredAt.AddSeconds(1) };
        // No transaction is open while the model runs: the indexer is not held up, and its text is not overwritten.
        _embedder.WhileGenerating = () => IndexAsync(organization, indexer => indexer.HandleAsync(renamed, cancellationToken));

        Assert.Equal(1, await embedding.EmbedBatchAsync(organization, cancellationToken));
        var rewritten = Assert.Single(await ChunksAsync(organization));
        Assert.Equal("EMB-2 Second title", rewritten.Heading);
        Assert.Null(rewritten.Embedding);

        Assert.Equal(1, await embedding.EmbedBatchAsync(organization, cancellationToken));
        var done = Assert.Single(await ChunksAsync(organization));
        var expected = await new HashedNGramEmbedder().GenerateAsync(["EMB-2 Second title\n"], cancellationToken: cancellationToken);
        Assert.Equal(expected[0].Vector.ToArray(), done.Embedding);
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    private async Task AddChunksAsync(Guid organization, int count, string model, bool deleted = false)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        var source = Guid.NewGuid();
        for (var i = 0; i < count; i++)
        {
            db.Chunks.Add(new SearchChunk
            {
                OrganizationId = organization, SourceId = source, ChunkNo = i, ResultId = source, ResultKind = SourceKind.Task, ProjectId = Guid.NewGuid(),
                Heading = $"T-{i} Passage {i}", Content = deleted ? "" : $"Text number {i} about replication.", Embedding = [1, 0, 0],
                EmbeddingModel = model, Deleted = deleted,
            });
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Indexes as the event consumer does: in the event's organization, in a scope of its own.</summary>
    private async Task IndexAsync(Guid organization, Func<SearchIndexer, Task> index)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        await index(scope.ServiceProvider.GetRequiredService<SearchIndexer>());
    }

    private async Task<List<SearchChunk>> ChunksAsync(Guid organization)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        return await db.Chunks.AsNoTracking().Where(c => c.OrganizationId == organization).OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>The hashed n-gram embedder, with something a test runs while it generates (once).</summary>
internal sealed class InterruptibleEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashedNGramEmbedder _inner = new();

    public Func<Task>? WhileGenerating { get; set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (WhileGenerating is { } interruption)
        {
            WhileGenerating = null;
            await interruption();
        }
        return await _inner.GenerateAsync(values, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
