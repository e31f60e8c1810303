using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Search;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// How well search ranks, on real text written by people about software: the descriptions of the Debian packages
/// installed on this machine (<c>/var/lib/dpkg/status</c>; <c>../shared/data/agile-project-dataset/jira.csv</c> has ids
/// and dates only, no text). Each package is a task titled with its name, described by its long description. Two sets
/// of queries, each with one right answer:
/// known-item: four words of the description that are neither in the package's name nor in its one-line summary (as
/// someone remembers a task); summary: the package's one-line summary, which the index never saw (a paraphrase).
/// For each embedder (hashed n-grams, all-MiniLM-L6-v2), the same search code on a real Postgres (the AI service's
/// classes, in this process): full text only, vectors only, and the hybrid fusion with its default weights and others
/// around them; recall@10 and MRR@10, embedding
/// throughput, and the latency of one search, query embedding included.
/// </summary>
internal static partial class SearchQualityBench
{
    private const int QueryWords = 4;

    private static readonly HashSet<string> StopWords =
    [
        "about", "also", "and", "are", "been", "being", "both", "but", "can", "could", "does", "each", "either", "etc", "for", "from",
        "have", "into", "its", "may", "more", "most", "much", "must", "not", "only", "other", "same", "should", "some", "such", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "use", "used", "uses",
        "using", "very", "was", "were", "what", "when", "where", "which", "while", "will", "with", "within", "without", "would", "you", "your",
    ];

    public static async Task<int> RunAsync(int queries)
    {
        var packages = ReadPackages("/var/lib/dpkg/status");
        var random = new Random(7);
        var knownItem = packages.OrderBy(_ => random.Next()).Select(p => (Package: p, Query: KnownItemQuery(p, random)))
            .Where(q => q.Query is not null).Take(queries).Select(q => (q.Package, Query: q.Query!)).ToList();
        var summary = packages.OrderBy(_ => random.Next()).Take(queries).Select(p => (Package: p, Query: p.Summary)).ToList();
        Console.WriteLine($"{packages.Count} packages with a description of 20 words or more; {knownItem.Count} known-item and {summary.Count} summary queries");

        var cancellationToken = CancellationToken.None;
        await using var servers = await LocalServers.StartAsync([AiDataExtensions.ConnectionName], cancellationToken);
        var connectionString = await servers.ConnectionStringAsync(AiDataExtensions.ConnectionName, cancellationToken);
        var results = new List<string>();
        foreach (var embedder in new IEmbeddingGenerator<string, Embedding<float>>[] { new HashedNGramEmbedder(), new MiniLmEmbedder() })
        {
            using var host = Host(connectionString, embedder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
            }
            var organization = Guid.NewGuid();
            var tasks = await IndexAsync(host, organization, packages, cancellationToken);
            var model = embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId!;

            var embedding = host.Services.GetRequiredService<PassageEmbedding>();
            var started = Stopwatch.GetTimestamp();
            var passages = 0;
            int batch;
            while ((batch = await embedding.EmbedBatchAsync(organization, cancellationToken)) > 0)
            {
                passages += batch;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"{model}: {passages} passages embedded in {seconds:F1} s, {passages / seconds:F0} passages/s (batches of {PassageEmbedding.BatchSize}, read and written included)");

            foreach (var (label, weights) in new[]
            {
                ("full text", new FusionWeights(1, 0)), ("vectors", new FusionWeights(0, 1)), ("hybrid 0.7:0.3 (default)", FusionWeights.Default),
                ("hybrid 0.5:0.5", new FusionWeights(0.5, 0.5)), ("hybrid 0.6:0.4", new FusionWeights(0.6, 0.4)), ("hybrid 0.8:0.2", new FusionWeights(0.8, 0.2)),
            })
            {
                if (label == "full text" && results.Count > 0)
                {
                    continue; // full text does not depend on the embedder
                }
                var latencies = new List<double>();
                var (knownRecall, knownMrr) = await EvaluateAsync(host, organization, tasks, knownItem, weights, latencies, cancellationToken);
                var (summaryRecall, summaryMrr) = await EvaluateAsync(host, organization, tasks, summary, weights, latencies, cancellationToken);
                latencies.Sort();
                var nothingFound = await NothingFoundAsync(host, organization, weights, cancellationToken);
                var name = label == "full text" ? "full text only" : $"{label}, {model}";
                results.Add($"| {name} | {knownRecall:F3} | {knownMrr:F3} | {summaryRecall:F3} | {summaryMrr:F3} | {nothingFound:F2} | {Percentiles.Of(latencies, 50):F1} | {Percentiles.Of(latencies, 99):F1} |");
                Console.WriteLine(results[^1]);
            }
        }
        Console.WriteLine();
        Console.WriteLine("| ranking | known-item recall@10 | known-item MRR@10 | summary recall@10 | summary MRR@10 | made-up words: nothing found | search p50 ms | search p99 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        results.ForEach(Console.WriteLine);
        return 0;
    }

    private sealed record Package(string Name, string Summary, string Description);

    /// <summary>Installed packages whose long description has 20 words or more, one per distinct description.</summary>
    private static List<Package> ReadPackages(string path)
    {
        var packages = new List<Package>();
        foreach (var stanza in File.ReadAllText(path).Split("\n\n"))
        {
            var name = Regex.Match(stanza, "^Package: (.+)$", RegexOptions.Multiline);
            var description = Regex.Match(stanza, "^Description: (.+)\n((?: .*\n?)*)", RegexOptions.Multiline);
            if (!name.Success || !description.Success)
            {
                continue;
            }
            // Continuation lines start with a space; " ." is an empty line between paragraphs.
            var body = string.Join("\n", description.Groups[2].Value.Split('\n').Select(l => l.Trim()).Select(l => l == "." ? "" : l)).Trim();
            if (Words(body).Count() >= 20)
            {
                packages.Add(new Package(name.Groups[1].Value.Trim(), description.Groups[1].Value.Trim(), body));
            }
        }
        return [.. packages.DistinctBy(p => p.Description)];
    }

    private static string? KnownItemQuery(Package package, Random random)
    {
        var known = Words(package.Name + " " + package.Summary).ToHashSet();
        var candidates = Words(package.Description).Where(w => w.Length >= 4 && !StopWords.Contains(w) && !known.Contains(w)).Distinct().ToList();
        return candidates.Count < QueryWords ? null : string.Join(' ', candidates.OrderBy(_ => random.Next()).Take(QueryWords));
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex("[a-z][a-z0-9]+")]
    private static partial Regex WordPattern();

    private static IHost Host(string connectionString, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{AiDataExtensions.ConnectionName}"] = connectionString });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAiData();
        builder.Services.AddEmbeddingGenerator(embedder);
        builder.Services.AddEmbeddingModels();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<VectorIndex>();
        builder.Services.AddSingleton<PassageEmbedding>();
        builder.Services.AddScoped<HybridSearch>();
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddScoped<AfterCommit>();
        return builder.Build();
    }

    /// <summary>Indexes each package as its task's creation event would; returns the task id of each package name.</summary>
    private static async Task<Dictionary<string, Guid>> IndexAsync(IHost host, Guid organization, List<Package> packages, CancellationToken cancellationToken)
    {
        var project = Guid.NewGuid();
        var tasks = new Dictionary<string, Guid>();
        for (var i = 0; i < packages.Count; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
            var id = Guid.NewGuid();
            tasks[packages[i].Name] = id;
            await scope.ServiceProvider.GetRequiredService<SearchIndexer>().HandleAsync(
                new TaskCreated(id, project, $"DEB-{i + 1}", packages[i].Name) { OrganizationId = organization, Description = packages[i].Description }, cancellationToken);
        }
        return tasks;
    }

    /// <summary>The share of 100 queries of three made-up words (random letters) that find nothing, as they should.</summary>
    private static async Task<double> NothingFoundAsync(IHost host, Guid organization, FusionWeights weights, CancellationToken cancellationToken)
    {
        var random = new Random(3);
        var empty = 0;
        for (var i = 0; i < 100; i++)
        {
            var query = string.Join(' ', Enumerable.Range(0, 3).Select(_ => new string([.. Enumerable.Range(0, 7).Select(_ => (char)('a' + random.Next(26)))])));
            await using var scope = host.Services.CreateAsyncScope();
            using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
            var hits = await scope.ServiceProvider.GetRequiredService<HybridSearch>()
                .SearchAsync(organization, new SearchQuery(query, [SourceKind.Task], null, weights), 0, 10, cancellationToken);
            empty += hits.Count == 0 ? 1 : 0;
        }
        return empty / 100.0;
    }

    private static async Task<(double Recall, double Mrr)> EvaluateAsync(IHost host, Guid organization, Dictionary<string, Guid> tasks,
        List<(Package Package, string Query)> queries, FusionWeights weights, List<double> latencies, CancellationToken cancellationToken)
    {
        var found = 0;
        var reciprocalRanks = 0.0;
        foreach (var (package, query) in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await SearchAsync(host, organization, query, weights, 10, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rank = hits.FindIndex(h => h.Id == tasks[package.Name]);
            if (rank >= 0)
            {
                found++;
                reciprocalRanks += 1.0 / (rank + 1);
            }
        }
        return ((double)found / queries.Count, reciprocalRanks / queries.Count);
    }

    private static async Task<List<SearchHit>> SearchAsync(IHost host, Guid organization, string query, FusionWeights weights, int limit, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        return await scope.ServiceProvider.GetRequiredService<HybridSearch>()
            .SearchAsync(organization, new SearchQuery(query, [SourceKind.Task], null, weights), 0, limit, cancellationToken);
    }

    /// <summary>
    /// The tuning of the fusion weights from rated answers (<see cref="FusionTuning"/>), with simulated raters, for two
    /// teams: one asks with remembered words (known-item queries), one with paraphrases (summary queries). Each team's
    /// queries are split: the first <paramref name="training"/> are asked <paramref name="passes"/> times as questions, each
    /// answer searched with the weights the tuning draws and rated by a rater who finds it helpful when the right package
    /// is among the answer's sources, right 90 % of the time; the rest are held out and searched with the default and
    /// with the learned weights.
    /// </summary>
    public static async Task<int> TuningAsync(int training, int heldOut, int passes)
    {
        var packages = ReadPackages("/var/lib/dpkg/status");
        var random = new Random(7);
        var knownItem = packages.OrderBy(_ => random.Next()).Select(p => (Package: p, Query: KnownItemQuery(p, random)))
            .Where(q => q.Query is not null).Take(training + heldOut).Select(q => (q.Package, Query: q.Query!)).ToList();
        var summary = packages.OrderBy(_ => random.Next()).Take(training + heldOut).Select(p => (Package: p, Query: p.Summary)).ToList();

        var cancellationToken = CancellationToken.None;
        await using var servers = await LocalServers.StartAsync([AiDataExtensions.ConnectionName], cancellationToken);
        var connectionString = await servers.ConnectionStringAsync(AiDataExtensions.ConnectionName, cancellationToken);
        using var host = Host(connectionString, new MiniLmEmbedder());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
        }
        var organization = Guid.NewGuid();
        var tasks = await IndexAsync(host, organization, packages, cancellationToken);
        var embedding = host.Services.GetRequiredService<PassageEmbedding>();
        while (await embedding.EmbedBatchAsync(organization, cancellationToken) > 0)
        {
        }

        Console.WriteLine($"{training} questions asked {passes} times per team, {heldOut} held out; raters right 90 % of the time");
        Console.WriteLine("| team asks | helpful answers while learning | learned full text:vector | held-out recall@10 default → learned | held-out MRR@10 default → learned |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (team, queries) in new[] { ("remembered words", knownItem), ("paraphrases", summary) })
        {
            var tallies = FusionTuning.Candidates.ToDictionary(v => v, v => new WeightTally(v, 0, 0));
            var raters = new Random(13);
            var helpful = 0;
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var (package, query) in queries.Take(training))
                {
                    var weights = FusionTuning.Choose(tallies.Values, raters);
                    var sources = await SearchAsync(host, organization, query, weights, Ai.Answers.AnswerOperation.Sources, cancellationToken);
                    var right = sources.Exists(h => h.Id == tasks[package.Name]);
                    var up = raters.NextDouble() < 0.9 ? right : !right;
                    var tally = tallies[weights.Vector];
                    tallies[weights.Vector] = up ? tally with { Helpful = tally.Helpful + 1 } : tally with { Unhelpful = tally.Unhelpful + 1 };
                    helpful += up ? 1 : 0;
                }
            }
            var learned = FusionTuning.Learned(tallies.Values);
            var test = queries.Skip(training).ToList();
            var (defaultRecall, defaultMrr) = await EvaluateAsync(host, organization, tasks, test, FusionWeights.Default, [], cancellationToken);
            var (learnedRecall, learnedMrr) = await EvaluateAsync(host, organization, tasks, test, learned, [], cancellationToken);
            Console.WriteLine($"| {team} | {(double)helpful / (training * passes):F3} | {learned.FullText}:{learned.Vector} | {defaultRecall:F3} → {learnedRecall:F3} | {defaultMrr:F3} → {learnedMrr:F3} |");
            Console.WriteLine("  tried: " + string.Join(", ", tallies.Values.Select(t => $"{t.Vector}: {t.Helpful} up {t.Unhelpful} down")));
        }
        return 0;
    }
}
