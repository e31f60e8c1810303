using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>
/// Embeds passages in the background, each organization's with its embedding model (<see cref="EmbeddingModels"/>), never inside an event's transaction (a model call there would hold the
/// organization's index version locked while the model runs): the passages the indexer just wrote, which have no
/// embedding yet, and those a model no longer configured embedded. An organization is queued once while it waits
/// (the queue is bounded: one that does not fit waits for its next change or search); the worker takes it off the
/// queue before it starts, so passages written meanwhile get another pass. One replica at a time works on an
/// organization (a Postgres advisory lock; the other comes back later), so a change of model is not embedded twice.
/// Until a passage is embedded, search ranks it by full text only. Each batch writes its vectors in a transaction with
/// the organization's next index version, so every replica's vector copy picks the batch up like any other change.
/// Progress is a metric: <c>ai.embeddings.backlog</c> (passages waiting in the organizations being worked on) and
/// <c>ai.embeddings.passages</c> (embedded, by model).
/// </summary>
public sealed partial class PassageEmbedding : BackgroundService
{
    /// <summary>Passages read and embedded together: a second or two of the local model on long passages.</summary>
    public const int BatchSize = 32;

    /// <summary>Organizations waiting at most; the rest are taken up by their next change or search.</summary>
    public const int QueueCapacity = 10_000;

    /// <summary>When another replica is at the organization: look again after this long.</summary>
    private static readonly TimeSpan LockedRetry = TimeSpan.FromSeconds(2);

    private readonly IServiceScopeFactory _scopes;
    private readonly EmbeddingModels _models;
    private readonly ILogger<PassageEmbedding> _logger;
    private readonly Channel<Guid> _waiting = Channel.CreateBounded<Guid>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();
    private readonly ConcurrentDictionary<(Guid Organization, string Model), byte> _caughtUp = new();
    private readonly OwnEmbeddingFailures _failures;
    private readonly Counter<long> _embedded;
    private readonly Histogram<double> _batchDuration;
    private long _backlog;

    public PassageEmbedding(IServiceScopeFactory scopes, EmbeddingModels models, OwnEmbeddingFailures failures, IMeterFactory meters, ILogger<PassageEmbedding> logger)
    {
        _scopes = scopes;
        _models = models;
        _failures = failures;
        _logger = logger;
        var meter = meters.Create(AiMetrics.MeterName);
        _embedded = meter.CreateCounter<long>("ai.embeddings.passages", description: "Passages embedded, by model");
        _batchDuration = meter.CreateHistogram<double>("ai.embeddings.batch.duration", unit: "ms", description: "Embedding one batch of passages, model call and write");
        meter.CreateObservableGauge("ai.embeddings.backlog", () => Interlocked.Read(ref _backlog), description: "Passages waiting for an embedding in the organizations being embedded");
    }

    /// <summary>The organization has passages without an embedding (the indexer just committed them), unless its own endpoint is resting after a failure.</summary>
    public void Embed(Guid organizationId)
    {
        if (!_failures.Resting(organizationId) && _queued.TryAdd(organizationId, 0) && !_waiting.Writer.TryWrite(organizationId))
        {
            _queued.TryRemove(organizationId, out _);
        }
    }

    /// <summary>
    /// A search of the organization: the first one with its model on this replica brings passages of another model up to
    /// date, so a change of model is taken up organization by organization as they are used.
    /// </summary>
    public void CatchUp(Guid organizationId, string model)
    {
        if (_caughtUp.TryAdd((organizationId, model), 0))
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
                await EmbedOrganizationAsync(organizationId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(_logger, e, organizationId);
                foreach (var caughtUp in _caughtUp.Keys.Where(k => k.Organization == organizationId))
                {
                    _caughtUp.TryRemove(caughtUp, out _);
                }
            }
        }
    }

    /// <summary>Embeds all the organization's passages that lack an embedding of the current model, batch by batch.</summary>
    private async Task EmbedOrganizationAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organizationId);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        var target = await _models.ForAsync(db, organizationId, cancellationToken);
        var model = target.Model;
        // A session lock, on a connection kept open for the pass; Npgsql resets the session (and so the lock) if the
        // connection goes back to the pool without the unlock.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(db, organizationId, cancellationToken))
        {
            _ = RetryLaterAsync(organizationId, cancellationToken);
            return;
        }
        var remaining = await db.Chunks.CountAsync(c => c.OrganizationId == organizationId && !c.Deleted && c.EmbeddingModel != model, cancellationToken);
        Interlocked.Add(ref _backlog, remaining);
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        try
        {
            int batch;
            while ((batch = await EmbedBatchAsync(db, organizationId, target, cancellationToken)) > 0)
            {
                done += batch;
                // Passages written during the pass are embedded too, but were not counted in the backlog.
                var counted = Math.Min(batch, remaining);
                remaining -= counted;
                Interlocked.Add(ref _backlog, -counted);
            }
        }
        finally
        {
            Interlocked.Add(ref _backlog, -remaining);
            await UnlockAsync(db, organizationId);
        }
        if (done > 0)
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogDone(_logger, done, organizationId, model, seconds, done / Math.Max(seconds, 0.001));
        }
    }

    private async Task RetryLaterAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(LockedRetry, cancellationToken);
            Embed(organizationId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> LockAsync(AiDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtext('ai-embedding'), hashtext({organizationId.ToString()})) AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();

    private static async Task UnlockAsync(AiDbContext db, Guid organizationId) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock(hashtext('ai-embedding'), hashtext({organizationId.ToString()})) AS \"Value\"").ToListAsync();

    /// <summary>One batch (see the other overload) in a scope of its own; for tests.</summary>
    public async Task<int> EmbedBatchAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organizationId);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        return await EmbedBatchAsync(db, organizationId, await _models.ForAsync(db, organizationId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Embeds up to <see cref="BatchSize"/> of the organization's passages that lack an embedding of the current model;
    /// returns how many it read. The model is called with no transaction open; a passage rewritten meanwhile keeps the
    /// indexer's text and waits for the next batch.
    /// </summary>
    private async Task<int> EmbedBatchAsync(AiDbContext db, Guid organizationId, EmbeddingTarget target, CancellationToken cancellationToken)
    {
        var model = target.Model;
        var started = Stopwatch.GetTimestamp();
        db.ChangeTracker.Clear();
        var stale = await db.Chunks.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && !c.Deleted && c.EmbeddingModel != model)
            .OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new { c.Id, c.Heading, c.Content })
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }
        var embeddings = await EmbedAsync(target, organizationId, stale.Select(c => SearchIndexer.EmbeddedText(c.Heading, c.Content)).ToList(), OwnEndpointBatchWait, cancellationToken);
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
        _embedded.Add(stale.Count, new KeyValuePair<string, object?>("model", model));
        _batchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("model", model));
        return stale.Count;
    }

    /// <summary>How long one batch waits for an organization's own endpoint: the worker is shared by all organizations.</summary>
    public static readonly TimeSpan OwnEndpointBatchWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The embeddings of <paramref name="texts"/> by <paramref name="target"/>. An organization's own endpoint gets
    /// <paramref name="wait"/> at most and its answer's shape is checked; its failure is recorded
    /// (<see cref="OwnEmbeddingFailures"/>) and thrown.
    /// </summary>
    public async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(
        EmbeddingTarget target, Guid organizationId, IReadOnlyList<string> texts, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!target.IsOrganizations)
        {
            return await target.Generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(wait);
        try
        {
            var embeddings = await target.Generator.GenerateAsync(texts, cancellationToken: limit.Token);
            CheckShape(embeddings, texts.Count);
            _failures.Cleared(organizationId);
            return embeddings;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _failures.Failed(organizationId, e is OperationCanceledException ? new TimeoutException($"no answer within {wait.TotalSeconds:F0} s") : e);
            throw;
        }
    }

    /// <summary>Numbers in one embedding at most: the largest models make about 4 000; an endpoint is not trusted with the service's memory.</summary>
    public const int MaxDimensions = 8192;

    /// <summary>One embedding per passage, of the same size, within <see cref="MaxDimensions"/>: what an organization's endpoint answers is checked.</summary>
    private static void CheckShape(GeneratedEmbeddings<Embedding<float>> embeddings, int expected)
    {
        if (embeddings.Count != expected)
        {
            throw new InvalidDataException($"the model returned {embeddings.Count} embeddings for {expected} passages");
        }
        if (embeddings.Select(e => e.Vector.Length).Distinct().ToList() is not [> 0 and <= MaxDimensions])
        {
            throw new InvalidDataException($"the model returned embeddings of sizes other than one size from 1 to {MaxDimensions}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} passages of organization {Organization} with {Model} in {Seconds:F1} s ({Rate:F0}/s)")]
    private static partial void LogDone(ILogger logger, int count, Guid organization, string model, double seconds, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding the passages of organization {Organization} failed; its next change or search tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid organization);
}
