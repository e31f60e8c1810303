using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>
/// Embeds passages in the background, never inside an event's transaction (a model call there would hold the
/// organization's index version locked while a remote model answers): the passages the indexer just wrote, which have
/// no embedding yet, and those a model no longer configured embedded. An organization is queued once while it waits;
/// the worker takes it off the queue before it starts, so passages written meanwhile get another pass. Until a passage
/// is embedded, search ranks it by full text only. Each batch writes its vectors in a transaction with the organization's
/// next index version, so every replica's vector copy picks the batch up like any other change.
/// </summary>
public sealed partial class PassageEmbedding(
    IServiceScopeFactory scopes, IEmbeddingGenerator<string, Embedding<float>> embedder, ILogger<PassageEmbedding> logger) : BackgroundService
{
    public const int BatchSize = 64;

    private readonly Channel<Guid> _waiting = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();
    private readonly ConcurrentDictionary<Guid, byte> _caughtUp = new();

    /// <summary>The organization has passages without an embedding (the indexer just committed them).</summary>
    public void Embed(Guid organizationId)
    {
        if (_queued.TryAdd(organizationId, 0))
        {
            _waiting.Writer.TryWrite(organizationId);
        }
    }

    /// <summary>
    /// A search of the organization: the first one on this replica brings passages of another model up to date, so a
    /// change of model is taken up organization by organization as they are used.
    /// </summary>
    public void CatchUp(Guid organizationId)
    {
        if (_caughtUp.TryAdd(organizationId, 0))
        {
            Embed(organizationId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var organizationId in _waiting.Reader.ReadAllAsync(stoppingToken))
        {
            _queued.TryRemove(organizationId, out _);
            try
            {
                var done = 0;
                int batch;
                while ((batch = await EmbedBatchAsync(organizationId, stoppingToken)) > 0)
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
                _caughtUp.TryRemove(organizationId, out _);
            }
        }
    }

    /// <summary>
    /// Embeds up to <see cref="BatchSize"/> of the organization's passages that lack an embedding of the current model;
    /// returns how many it read. The model is called with no transaction open; a passage rewritten meanwhile keeps the
    /// indexer's text and waits for the next batch.
    /// </summary>
    public async Task<int> EmbedBatchAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organizationId);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        var model = embedder.ModelId();
        var stale = await db.Chunks.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && !c.Deleted && c.EmbeddingModel != model)
            .OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new { c.Id, c.Heading, c.Content })
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }
        var embeddings = await embedder.GenerateAsync(stale.Select(c => SearchIndexer.EmbeddedText(c.Heading, c.Content)), cancellationToken: cancellationToken);
        var embedded = stale.Select((c, i) => (c.Id, c.Heading, c.Content, Vector: embeddings[i].Vector.ToArray())).ToDictionary(c => c.Id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await SearchIndexer.NextVersionAsync(db, organizationId, cancellationToken);
        foreach (var chunk in await db.Chunks.Where(c => embedded.Keys.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            var done = embedded[chunk.Id];
            if (!chunk.Deleted && chunk.Heading == done.Heading && chunk.Content == done.Content)
            {
                chunk.Embedding = done.Vector;
                chunk.EmbeddingModel = model;
                chunk.ChangeSeq = version;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded {Count} passages of organization {Organization} with the model {Model}")]
    private static partial void LogDone(ILogger logger, int count, Guid organization, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding the passages of organization {Organization} failed; its next change or search tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid organization);
}
