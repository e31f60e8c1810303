using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Platform.Ai.Search;

namespace Platform.Ai.Models;

/// <summary>
/// The embedder that serves when no embedding endpoint is configured: <see cref="MiniLmEmbedder"/>, or the
/// <see cref="HashedNGramEmbedder"/> when <c>Ai:LocalEmbeddings</c> says <c>hashed-ngrams</c>, or when the model
/// cannot load here (ONNX Runtime has no build for the platform): search then still works, lexically, and the log and
/// the health check say why.
/// </summary>
public sealed partial class LocalEmbeddings
{
    public const string ConfigurationKey = "Ai:LocalEmbeddings";
    public const string MiniLm = "minilm";
    public const string HashedNGrams = "hashed-ngrams";

    /// <summary>Who serves the local embedders, as their metadata says.</summary>
    public const string Provider = "platform-local";

    public LocalEmbeddings(IConfiguration configuration, ILogger<LocalEmbeddings> logger)
    {
        var choice = configuration[ConfigurationKey] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : MiniLm;
        if (choice == HashedNGrams)
        {
            Generator = new HashedNGramEmbedder();
            return;
        }
        if (choice != MiniLm)
        {
            throw new InvalidOperationException($"{ConfigurationKey} is '{choice}': {MiniLm} or {HashedNGrams}.");
        }
        try
        {
            Generator = new MiniLmEmbedder();
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            FallbackReason = $"{MiniLmEmbedder.Model} could not load ({e.GetType().Name}: {e.Message}); search embeds with {HashedNGramEmbedder.ModelId} meanwhile.";
            LogFallback(logger, e, MiniLmEmbedder.Model, HashedNGramEmbedder.ModelId);
            Generator = new HashedNGramEmbedder();
        }
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    /// <summary>Why the configured model is not the one serving; null when it is.</summary>
    public string? FallbackReason { get; }

    [LoggerMessage(Level = LogLevel.Error, Message = "The embedding model {Model} could not load; search embeds with {Fallback} until it can")]
    private static partial void LogFallback(ILogger logger, Exception exception, string model, string fallback);
}
