using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Npgsql;
using NpgsqlTypes;
using Platform.Ai.Data;
using Platform.Ai.Models;

namespace Platform.Ai.Search;

/// <summary>What to search: the text, which kinds of hit (those the caller may read), optionally one project.</summary>
/// <param name="Weights">How much each method's ranking counts in the fusion; both equally when left out.</param>
public sealed record SearchQuery(string Text, IReadOnlyCollection<SourceKind> Kinds, Guid? ProjectId, FusionWeights? Weights = null);

/// <summary>What full-text search's and vector similarity's normalized scores each count in the fused score; 0 leaves the method out.</summary>
public sealed record FusionWeights(double FullText, double Vector)
{
    /// <summary>
    /// Measured with the <c>search-quality</c> benchmark (tests/Platform.Benchmarks/README.md): with all-MiniLM-L6-v2,
    /// as good as full text alone on remembered words, and well above it on paraphrases.
    /// </summary>
    public static readonly FusionWeights Default = new(0.7, 0.3);
}

/// <summary>A task or document found, with the passage that matched best, whole and as a snippet (query words in **bold**).</summary>
/// <param name="File">The attached file the passage is from, when it is from one.</param>
/// <param name="FullTextScore">Full-text search's normalized score of it (0..1; 0 when it did not find it); <see cref="VectorScore"/> likewise.</param>
public sealed record SearchHit(
    SourceKind Kind, Guid Id, string Key, Guid ProjectId, string Title, string Snippet, string Passage, double Score, DateTimeOffset UpdatedAt, string? File = null,
    double FullTextScore = 0, double VectorScore = 0);

/// <summary>
/// Hybrid search over an organization's tasks, comments and documents: full-text (Postgres tsvector, English stemming,
/// heading weighted above content) and vector similarity (the organization's embedding model, <see cref="EmbeddingModels"/>;
/// see <see cref="VectorIndex"/>),
/// each ranking up to <see cref="CandidatesPerMethod"/> passages, fused per task or document by a weighted sum of each
/// method's score of its best passage, scaled to 0..1 between the method's worst and best candidate (min-max
/// normalization). Unlike reciprocal rank fusion, it keeps how far ahead a method's best hits are: measured, it
/// lost nothing on remembered words where reciprocal ranks lost a quarter of the recall (tests/Platform.Benchmarks/README.md).
/// </summary>
public sealed partial class HybridSearch(
    AiDbContext db, VectorIndex index, EmbeddingModels models, PassageEmbedding embedding, OwnEmbeddingFailures failures, ILogger<HybridSearch> logger)
{
    public const int CandidatesPerMethod = 100;
    public const int MaxResults = 200;

    /// <summary>How long a search waits for an organization's own endpoint to embed the query before it goes on by full text.</summary>
    public static readonly TimeSpan OwnEndpointWait = TimeSpan.FromSeconds(10);

    public async Task<List<SearchHit>> SearchAsync(Guid organizationId, SearchQuery query, int offset, int limit, CancellationToken cancellationToken)
    {
        var weights = query.Weights ?? FusionWeights.Default;
        var target = await models.ForAsync(db, organizationId, cancellationToken);
        var queryVector = weights.Vector > 0 ? await EmbedQueryAsync(target, query.Text, organizationId, cancellationToken) : null;
        var model = target.Model;
        embedding.CatchUp(organizationId, model);
        var vectors = index.For(organizationId, model);
        var kinds = query.Kinds.Select(k => k.ToString()).ToArray();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var fullText = new List<(long Chunk, Guid Result, double Score)>();
            var changes = new List<VectorChange>();
            long version;
            await using (var batch = new NpgsqlBatch(connection))
            {
                batch.BatchCommands.Add(Command($$"""
                    SELECT c.id, c.result_id, ts_rank(c.tsv, query.q, 32)
                    FROM search_chunks c, (SELECT {{TsQuery(query.Text)}} AS q) query
                    WHERE c.organization_id = $2 AND c.tsv @@ query.q AND NOT c.deleted AND c.result_kind = ANY($3) AND ($4::uuid IS NULL OR c.project_id = $4)
                    ORDER BY ts_rank(c.tsv, query.q, 32) DESC, c.id
                    LIMIT $5
                    """, query.Text, organizationId, kinds, ProjectParameter(query.ProjectId), CandidatesPerMethod));
                batch.BatchCommands.Add(Command("SELECT coalesce((SELECT version FROM search_index_versions WHERE organization_id = $1), 0)", organizationId));
                batch.BatchCommands.Add(Command("""
                    SELECT id, result_id, result_kind, project_id, embedding, embedding_model, deleted, change_seq
                    FROM search_chunks WHERE organization_id = $1 AND change_seq > $2
                    """, organizationId, vectors.Version));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    fullText.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetFloat(2)));
                }
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                version = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    changes.Add(new VectorChange(reader.GetInt64(0), reader.GetGuid(1), Enum.Parse<SourceKind>(reader.GetString(2)), reader.GetGuid(3),
                        reader.IsDBNull(4) ? null : reader.GetFieldValue<float[]>(4), reader.GetString(5), reader.GetBoolean(6), reader.GetInt64(7)));
                }
            }
            // Changes committed after the version was read are applied with the next search.
            vectors.Apply([.. changes.Where(c => c.ChangeSeq <= version)], version);

            var similar = queryVector is null ? [] : vectors.Nearest(queryVector, CandidatesPerMethod,
                p => query.Kinds.Contains(p.ResultKind) && (query.ProjectId is null || p.ProjectId == query.ProjectId),
                target.RelatedAbove);
            var ranked = Fuse((fullText, weights.FullText), (similar.ConvertAll(s => (s.Passage.ChunkId, s.Passage.ResultId, (double)s.Similarity)), weights.Vector));
            var page = ranked.Skip(offset).Take(limit).ToList();
            return page.Count == 0 ? [] : await DetailsAsync(connection, query.Text, page, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The query's vector; null, so the search goes by full text, when the organization's own endpoint does not give it
    /// in time or is resting after a failure (the platform's own model failing is the platform's error).
    /// </summary>
    private async Task<float[]?> EmbedQueryAsync(EmbeddingTarget target, string text, Guid organizationId, CancellationToken cancellationToken)
    {
        if (target.IsOrganizations && failures.Resting(organizationId))
        {
            return null;
        }
        try
        {
            return (await embedding.EmbedAsync(target, organizationId, [text], OwnEndpointWait, cancellationToken))[0].Vector.ToArray();
        }
        catch (Exception e) when (target.IsOrganizations && !cancellationToken.IsCancellationRequested)
        {
            LogOwnEndpointFailed(logger, e, organizationId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embeddings endpoint of organization {Organization} did not embed a query; searched by full text only")]
    private static partial void LogOwnEndpointFailed(ILogger logger, Exception exception, Guid organization);

    /// <summary>
    /// Each method's score of a result is that of its best passage, scaled between the method's worst (0) and best (1)
    /// candidate; the fused score is the weighted sum. The passage shown is the one that counted most.
    /// </summary>
    private static List<Fused> Fuse(params (List<(long Chunk, Guid Result, double Score)> Ranking, double Weight)[] rankings)
    {
        var fused = new Dictionary<Guid, Fused>();
        for (var method = 0; method < rankings.Length; method++)
        {
            var (ranking, weight) = rankings[method];
            if (weight <= 0 || ranking.Count == 0)
            {
                continue;
            }
            var best = ranking.Max(r => r.Score);
            var spread = best - ranking.Min(r => r.Score);
            var seen = new HashSet<Guid>();
            foreach (var (chunk, result, score) in ranking)
            {
                if (!seen.Add(result))
                {
                    continue;
                }
                var normalized = spread > 1e-9 ? (score - (best - spread)) / spread : 1;
                var current = fused.GetValueOrDefault(result) ?? new Fused(result, chunk, 0, 0, 0, -1);
                var contribution = weight * normalized;
                fused[result] = current with
                {
                    Chunk = contribution > current.BestContribution ? chunk : current.Chunk,
                    BestContribution = Math.Max(contribution, current.BestContribution),
                    Score = current.Score + contribution,
                    FullText = method == 0 ? normalized : current.FullText,
                    Vector = method == 1 ? normalized : current.Vector,
                };
            }
        }
        return [.. fused.Values.OrderByDescending(f => f.Score).ThenBy(f => f.Result).Take(MaxResults)];
    }

    /// <summary>A result's fused score, each method's normalized score of it (0 when the method did not find it), and the passage that counted most.</summary>
    private sealed record Fused(Guid Result, long Chunk, double Score, double FullText, double Vector, double BestContribution);

    private static async Task<List<SearchHit>> DetailsAsync(NpgsqlConnection connection, string text, List<Fused> page, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($$"""
            SELECT s.id, s.kind, s.result_key, s.project_id, s.title, s.updated_at,
                   ts_headline('english', c.content, {{TsQuery(text)}},
                               'StartSel=**, StopSel=**, MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … "'),
                   c.content,
                   CASE WHEN f.kind = 'Attachment' THEN f.title END
            FROM unnest($2::uuid[], $3::bigint[]) AS hit(result_id, chunk_id)
            JOIN search_sources s ON s.id = hit.result_id
            JOIN search_chunks c ON c.id = hit.chunk_id
            JOIN search_sources f ON f.id = c.source_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = page.ConvertAll(p => p.Result).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = page.ConvertAll(p => p.Chunk).ToArray() });
        var found = new Dictionary<Guid, SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            found[id] = new SearchHit(Enum.Parse<SourceKind>(reader.GetString(1)), id, reader.GetString(2), reader.GetGuid(3), reader.GetString(4),
                reader.GetString(6), reader.GetString(7), 0, reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(8) ? null : reader.GetString(8));
        }
        return [.. page.Where(p => found.ContainsKey(p.Result))
            .Select(p => found[p.Result] with { Score = Math.Round(p.Score, 5), FullTextScore = Math.Round(p.FullText, 5), VectorScore = Math.Round(p.Vector, 5) })];
    }

    /// <summary>
    /// The full-text query for parameter $1. Words alone match any of them (ranked by how many and how close), as people
    /// type questions, not boolean expressions; a query with search syntax ("a phrase", -word, or) is read as web search
    /// syntax, every other word then required.
    /// </summary>
    private static string TsQuery(string text) => SearchSyntax().IsMatch(text)
        ? "websearch_to_tsquery('english', $1)"
        : "replace(plainto_tsquery('english', $1)::text, ' & ', ' | ')::tsquery";

    [GeneratedRegex("\"|(^|\\s)-\\w|\\sor\\s", RegexOptions.IgnoreCase)]
    private static partial Regex SearchSyntax();

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static NpgsqlParameter ProjectParameter(Guid? projectId) =>
        new() { Value = projectId is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };
}
