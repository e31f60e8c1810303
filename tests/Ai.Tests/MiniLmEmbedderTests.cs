using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Ai.Models;
using Platform.Ai.Search;

namespace Platform.Ai.Tests;

/// <summary>The real all-MiniLM-L6-v2 on ONNX Runtime, loaded once for the class, on tiny inputs.</summary>
public sealed class MiniLmEmbedderTests(MiniLmEmbedderTests.Model model) : IClassFixture<MiniLmEmbedderTests.Model>
{
    public sealed class Model : IDisposable
    {
        public MiniLmEmbedder Embedder { get; } = new();

        public void Dispose() => Embedder.Dispose();
    }

    private async Task<float[][]> EmbedAsync(params string[] texts) =>
        [.. (await model.Embedder.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Vector.ToArray())];

    [Fact]
    public async Task Vectors_are_unit_length_deterministic_and_the_same_alone_or_in_a_batch()
    {
        var batch = await EmbedAsync("Set up Postgres replication", "Dark mode for the web client", "", "x");
        var alone = await EmbedAsync("Set up Postgres replication");

        Assert.All(batch, v => Assert.Equal(MiniLmEmbedder.Dimensions, v.Length));
        Assert.All(batch, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 4));
        Assert.Equal(alone[0], batch[0], (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(alone[0], (await EmbedAsync("Set up Postgres replication"))[0]);
    }

    [Fact]
    public async Task Synonyms_are_near_which_words_alone_cannot_tell()
    {
        var v = await EmbedAsync("I cannot log in", "The sign-in page rejects my password", "Export the invoices as a spreadsheet", "car", "automobile", "banana");

        Assert.True(TensorPrimitives.CosineSimilarity(v[0], v[1]) > TensorPrimitives.CosineSimilarity(v[0], v[2]) + 0.2f);
        Assert.True(TensorPrimitives.CosineSimilarity(v[3], v[4]) > TensorPrimitives.CosineSimilarity(v[3], v[5]) + 0.2f);
        // "car" and "automobile" share no word and no trigram: the hashed n-grams cannot see it.
        Assert.True(TensorPrimitives.CosineSimilarity(HashedNGramEmbedder.Embed("car"), HashedNGramEmbedder.Embed("automobile")) < TensorPrimitives.CosineSimilarity(v[3], v[4]) - 0.5f);
    }

    [Fact]
    public async Task A_text_is_read_up_to_the_models_256_word_pieces()
    {
        var words = string.Join(' ', Enumerable.Repeat("replication of the ledger to a standby node", 40));
        var v = await EmbedAsync(words, words + " zebra giraffe elephant", "short text", "short text zebra");

        Assert.Equal(v[0], v[1]);
        Assert.NotEqual(v[2], v[3]);
    }

    [Fact]
    public async Task It_names_its_model_with_the_packages_version_and_counts_its_tokens()
    {
        var embeddings = await model.Embedder.GenerateAsync(["Hello world"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("all-MiniLM-L6-v2@24.9.52193", model.Embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal(MiniLmEmbedder.ModelId, embeddings[0].ModelId);
        Assert.Equal(4, embeddings.Usage!.InputTokenCount); // [CLS] hello world [SEP]
    }

    [Theory]
    [InlineData(null, "all-MiniLM-L6-v2@24.9.52193")]
    [InlineData("hashed-ngrams", HashedNGramEmbedder.ModelId)]
    public async Task The_local_embedder_is_the_model_unless_configured_otherwise_and_the_health_check_names_it(string? choice, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [LocalEmbeddings.ConfigurationKey] = choice }).Build();
        var local = new LocalEmbeddings(configuration, NullLogger<LocalEmbeddings>.Instance);
        using var generator = local.Generator;
        using var services = new ServiceCollection().AddOptions().AddSingleton<IConfiguration>(configuration).AddEmbeddingModels()
            .AddSingleton(local).AddSingleton(generator).BuildServiceProvider();

        var health = await new EmbeddingsHealthCheck(services.GetRequiredService<EmbeddingModels>())
            .CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(expected, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Null(local.FallbackReason);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Contains(expected, health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_local_embedder_is_a_configuration_error_that_names_the_choices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [LocalEmbeddings.ConfigurationKey] = "bert" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new LocalEmbeddings(configuration, NullLogger<LocalEmbeddings>.Instance));
        Assert.Contains("minilm or hashed-ngrams", error.Message, StringComparison.Ordinal);
    }
}
