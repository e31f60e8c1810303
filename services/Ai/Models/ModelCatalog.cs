using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;

namespace Platform.Ai.Models;

/// <summary>A model the service uses: its name and who serves it (<c>openai</c> for any OpenAI-compatible endpoint; <c>platform-local</c> for the built-in embedder).</summary>
public sealed record ModelDescription(string Model, string Provider);

/// <summary>The models configured; <see cref="Chat"/> is written as null without one, so a client knows to offer no questions.</summary>
public sealed record ConfiguredModels(
    ModelDescription Embeddings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ModelDescription? Chat);

/// <summary>Which models answer (see <see cref="AiModels"/>), without their addresses or keys.</summary>
public sealed class ModelCatalog(IEmbeddingGenerator<string, Embedding<float>> embedder, ChatModel chat)
{
    public ConfiguredModels Describe()
    {
        var embeddings = embedder.GetService<EmbeddingGeneratorMetadata>();
        var chatModel = chat.Metadata;
        return new ConfiguredModels(
            new ModelDescription(embedder.ModelId(), embeddings?.ProviderName ?? ""),
            chat.IsConfigured ? new ModelDescription(chatModel?.DefaultModelId ?? "", chatModel?.ProviderName ?? "") : null);
    }
}
