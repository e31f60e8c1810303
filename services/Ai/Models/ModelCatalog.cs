using System.Text.Json.Serialization;
using Platform.Ai.Data;
using Platform.Data;

namespace Platform.Ai.Models;

/// <summary>
/// A model the service uses: its name and who serves it (<c>openai</c> for an OpenAI-compatible endpoint the platform
/// configured, <c>organization</c> for the organization's own, <c>platform-local</c> for the built-in embedders), and
/// whether it runs inside the platform.
/// </summary>
public sealed record ModelDescription(string Model, string Provider, bool Local);

/// <summary>The models serving the caller's organization; <see cref="Chat"/> is written as null without one, so a client knows to offer no questions.</summary>
public sealed record ConfiguredModels(
    ModelDescription Embeddings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ModelDescription? Chat);

/// <summary>Which models serve the organization (see <see cref="AiModels"/> and <see cref="ChatModels"/>), without their addresses or keys.</summary>
public sealed class ModelCatalog(EmbeddingModels embeddings, ChatModels chat, AiDbContext db, TenantContext tenant)
{
    public async Task<ConfiguredModels> DescribeAsync(CancellationToken cancellationToken)
    {
        var embedding = await embeddings.ForAsync(db, tenant.RequiredOrganizationId, cancellationToken);
        var (target, _) = await chat.FindAsync(cancellationToken);
        return new ConfiguredModels(
            new ModelDescription(embedding.Model, embedding.Provider, embedding.Local),
            target is null ? null : new ModelDescription(target.Model, target.Provider, target.Local));
    }
}
