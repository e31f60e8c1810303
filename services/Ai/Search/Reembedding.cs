using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Platform.Ai.Data;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>
/// When the embedding model changes (one is configured, or another one), the passages the previous model embedded are
/// embedded again, in the background: a replica takes up an organization the first time it searches for it, and works
/// through its passages of another model in small batches. Until a passage is done, search ranks it by full text only.
/// Each batch is a transaction with the organization's next index version, taken first: an index change of the same
/// passages waits for it or goes before it, and every replica's vector copy picks the batch up like any other change.
/// </summary>
public sealed partial class Reembedding(
    IServiceScopeFactory scopes, IEmbeddingGenerator<string, Embedding<float>> embedder, ILogger<Reembedding> logger) : BackgroundService
{
    public const int BatchSize = 64;

    private readonly Channel<Guid> _waiting = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> _taken = new();

    /// <summary>Takes the organization up, once per replica's lifetime (again after a failed attempt).</summary>
    public void Request(Guid organizationId)
    {
        if (_taken.TryAdd(organizationId, 0))
        {
            _waiting.Writer.TryWrite(organizationId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var organizationId in _waiting.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var done = 0;
                int batch;
                while ((batch = await ReembedBatchAsync(organizationId, stoppingToken)) > 0)
                {
                    done += batch;
                }
                if (done > 0)
                {
                    LogDone(logger, done, organizationId, embedder.ModelId());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, organizationId);
                _taken.TryRemove(organizationId, out _);
            }
        }
    }

    /// <summary>Embeds up to <see cref="BatchSize"/> of the organization's passages of another model again; returns how many.</summary>
    public async Task<int> ReembedBatchAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organizationId);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        var model = embedder.ModelId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await SearchIndexer.NextVersionAsync(db, organizationId, cancellationToken);
        var stale = await db.Chunks
            .Where(c => c.OrganizationId == organizationId && !c.Deleted && c.EmbeddingModel != model)
            .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            // Nothing to do: the version taken is given back with the transaction.
            return 0;
        }
        var embeddings = await embedder.GenerateAsync(stale.Select(SearchIndexer.EmbeddedText), cancellationToken: cancellationToken);
        for (var i = 0; i < stale.Count; i++)
        {
            stale[i].Embedding = embeddings[i].Vector.ToArray();
            stale[i].EmbeddingModel = model;
            stale[i].ChangeSeq = version;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} passages of organization {Organization} again with the model {Model}")]
    private static partial void LogDone(ILogger logger, int count, Guid organization, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding the passages of organization {Organization} again failed; its next search tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid organization);
}
