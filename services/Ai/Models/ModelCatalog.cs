using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Platform.Ai.Models;

/// <summary>
/// A model the service uses: its name and who serves it (<c>openai</c> for an OpenAI-compatible endpoint the platform
/// configured, <c>organization</c> for the organization's own, <c>platform-local</c> for the built-in embedder), and
/// whether it runs inside the platform.
/// </summary>
public sealed record ModelDescription(string Model, string Provider, bool Local);

/// <summary>The models serving the caller's organization; <see cref="Chat"/> is written as null without one, so a client knows to offer no questions.</summary>
public sealed record ConfiguredModels(
    ModelDescription Embeddings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ModelDescription? Chat);

/// <summary>Which models serve the organization (see <see cref="AiModels"/> and <see cref="ChatModels"/>), without their addresses or keys.</summary>
public sealed class ModelCatalog(IEmbeddingGenerator<string, Embedding<float>> embedder, ChatModels chat)
{
    public async Task<ConfiguredModels> DescribeAsync(CancellationToken cancellationToken)
    {
        var embeddings = embedder.GetService<EmbeddingGeneratorMetadata>();
        var (target, _) = await chat.FindAsync(cancellationToken);
        return new ConfiguredModels(
            new ModelDescription(embedder.ModelId(), embeddings?.ProviderName ?? "", embeddings?.ProviderName == "platform-local"),
            target is null ? null : new ModelDescription(target.Model, target.Provider, target.Local));
    }
}
