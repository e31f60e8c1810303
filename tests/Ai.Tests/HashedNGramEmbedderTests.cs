using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Platform.Ai.Search;

namespace Platform.Ai.Tests;

public sealed class HashedNGramEmbedderTests
{
    private static float Similarity(string a, string b) => TensorPrimitives.CosineSimilarity(HashedNGramEmbedder.Embed(a), HashedNGramEmbedder.Embed(b));

    [Fact]
    public void Vectors_are_deterministic_unit_length_and_ignore_case_and_punctuation()
    {
        var vector = HashedNGramEmbedder.Embed("Set up Postgres replication");
        Assert.Equal(HashedNGramEmbedder.Dimensions, vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
        Assert.Equal(vector, HashedNGramEmbedder.Embed("set up postgres, REPLICATION!"));
        Assert.All(HashedNGramEmbedder.Embed("the and of"), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Related_words_and_typos_are_nearer_than_unrelated_text()
    {
        Assert.True(Similarity("postgress replcation", "Set up Postgres streaming replication") > Similarity("postgress replcation", "Dark mode for the web client"));
        Assert.True(Similarity("authenticate users", "user authentication") > Similarity("authenticate users", "export invoices to CSV"));
    }

    [Fact]
    public async Task It_is_an_embedding_generator_that_names_its_model()
    {
        using var generator = new HashedNGramEmbedder();
        var embeddings = await generator.GenerateAsync(["one", "two"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, embeddings.Count);
        Assert.Equal(HashedNGramEmbedder.ModelId, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal(HashedNGramEmbedder.Dimensions, embeddings[0].Vector.Length);
    }
}
