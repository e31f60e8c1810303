using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Platform.Ai.Models;

namespace Platform.Ai.Search;

/// <summary>
/// The embedder used when no embedding model is configured: a lexical, deterministic, local one. Each word of the text
/// (lower-cased, stop words left out) and each of its character trigrams (with word boundaries: "^au", "aut", ...,
/// "on$") is hashed (FNV-1a) to one of <see cref="Dimensions"/> coordinates with a hashed sign; words weigh twice a
/// trigram; the vector is scaled to length 1, so a dot product is the cosine similarity. Shared trigrams make
/// "authentication" near "authenticate" and survive typos, which full-text search (whole stemmed words) misses. It
/// knows no synonyms: "login" is not near "sign-in"; a real embedding model (connection string <c>embeddings</c>) does.
/// </summary>
public sealed class HashedNGramEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 512;
    public const string ModelId = "platform-hashed-ngrams-512";

    private const float WordWeight = 2f;
    private const float TrigramWeight = 1f;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "how", "i", "if", "in", "into",
        "is", "it", "its", "of", "on", "or", "our", "so", "that", "the", "their", "then", "there", "these", "this", "to",
        "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    ];

    private readonly EmbeddingGeneratorMetadata _metadata = new(LocalEmbeddings.Provider, null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            embeddings.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }
        return Task.FromResult(embeddings);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        Span<char> word = stackalloc char[64];
        var length = 0;
        foreach (var c in text.AsSpan())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (length < word.Length)
                {
                    word[length++] = char.ToLowerInvariant(c);
                }
                continue;
            }
            AddWord(vector, word[..length]);
            length = 0;
        }
        AddWord(vector, word[..length]);

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    private static void AddWord(float[] vector, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || StopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return;
        }
        Add(vector, Hash(word, seed: 0x77), WordWeight);
        // Trigrams of ^word$: a one- or two-letter word still gives one.
        Span<char> bounded = stackalloc char[word.Length + 2];
        bounded[0] = '^';
        word.CopyTo(bounded[1..]);
        bounded[^1] = '$';
        for (var i = 0; i + 3 <= bounded.Length; i++)
        {
            Add(vector, Hash(bounded.Slice(i, 3), seed: 0x33), TrigramWeight);
        }
    }

    private static void Add(float[] vector, ulong hash, float weight) =>
        vector[(int)(hash % Dimensions)] += (hash >> 63) == 0 ? weight : -weight;

    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        // FNV's low bits mix poorly: a 64-bit finalizer (MurmurHash3's) spreads every bit before the remainder and sign.
        hash = (hash ^ hash >> 33) * 0xff51afd7ed558ccdUL;
        hash = (hash ^ hash >> 33) * 0xc4ceb9fe1a85ec53UL;
        return hash ^ hash >> 33;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
