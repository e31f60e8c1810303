using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Ai.Data;
using Platform.Ai.Search;
using Platform.Data;
using Platform.Testing;

namespace Platform.Ai.Tests;

/// <summary>Passages embedded by a model no longer configured are embedded again, on a real Postgres.</summary>
public sealed class ReembeddingTests : IAsyncLifetime
{
    private readonly HashedNGramEmbedder _embedder = new();
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
        builder.Services.AddSingleton<Reembedding>();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
    }

    [Fact]
    public async Task Passages_of_another_model_are_embedded_again_in_batches_as_new_index_versions()
    {
        var organization = Guid.NewGuid();
        var other = Guid.NewGuid();
        await AddChunksAsync(organization, count: Reembedding.BatchSize + 6, model: "retired-model");
        await AddChunksAsync(organization, count: 3, model: HashedNGramEmbedder.ModelId);
        await AddChunksAsync(organization, count: 2, model: "retired-model", deleted: true);
        await AddChunksAsync(other, count: 5, model: "retired-model");
        var reembedding = _host!.Services.GetRequiredService<Reembedding>();
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.Equal(Reembedding.BatchSize, await reembedding.ReembedBatchAsync(organization, cancellationToken));
        Assert.Equal(6, await reembedding.ReembedBatchAsync(organization, cancellationToken));
        Assert.Equal(0, await reembedding.ReembedBatchAsync(organization, cancellationToken));

        var chunks = await ChunksAsync(organization);
        var live = chunks.Where(c => !c.Deleted).ToList();
        Assert.All(live, c => Assert.Equal(HashedNGramEmbedder.ModelId, c.EmbeddingModel));
        var redone = live.Where(c => c.ChangeSeq > 0).ToList();
        Assert.Equal(Reembedding.BatchSize + 6, redone.Count);
        Assert.Equal([1, 2], redone.Select(c => c.ChangeSeq).Distinct().Order());
        var expected = await _embedder.GenerateAsync(redone.Select(c => $"{c.Heading}\n{c.Content}"), cancellationToken: cancellationToken);
        Assert.All(redone.Zip(expected), pair => Assert.Equal(pair.Second.Vector.ToArray(), pair.First.Embedding));
        Assert.All(chunks.Where(c => c.Deleted), c => Assert.Equal("retired-model", c.EmbeddingModel));
        // Another organization's passages wait for its own turn.
        Assert.All(await ChunksAsync(other), c => Assert.Equal("retired-model", c.EmbeddingModel));
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

    private async Task<List<SearchChunk>> ChunksAsync(Guid organization)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        return await db.Chunks.AsNoTracking().Where(c => c.OrganizationId == organization).OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
