using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Platform.Ai.Data;
using Platform.Ai.Search;

namespace Platform.Ai.Models;

/// <summary>An embedding model as search uses it: the id its passages are stored under, who serves it, whether it runs inside the platform, and its generator.</summary>
/// <param name="Model">Passages remember it; only vectors of the same model are compared, and a change of model embeds them again.</param>
public sealed record EmbeddingTarget(string Model, string Provider, bool Local, IEmbeddingGenerator<string, Embedding<float>> Generator)
{
    /// <summary>The organization's own endpoint: when it fails, search goes on by full text and the failure is the organization's to see.</summary>
    public bool IsOrganizations => Provider == OwnEndpoints.Name;

    /// <summary>Similarity at or below which a passage is unrelated to the query (0 when the model says nothing).</summary>
    public float RelatedAbove => Generator.GetService<RelatedAbove>()?.Minimum ?? 0;
}

/// <summary>
/// Which embedding model serves an organization: its own endpoint when it set one (<see cref="OwnEndpoints"/>), else
/// the platform's (<see cref="AiModels"/>), except that an organization allowing only local models is embedded by the
/// local model (<see cref="LocalEmbeddings"/>, loaded when first needed) when the platform's is external.
/// </summary>
public sealed class EmbeddingModels(IEmbeddingGenerator<string, Embedding<float>> platform, IConfiguration configuration, OwnEndpoints ownEndpoints, IServiceProvider services)
{
    public EmbeddingTarget Platform { get; } = Describe(platform, AiModels.EmbeddingsRunInside(configuration));

    private readonly Lazy<EmbeddingTarget> _local = new(() => Describe(
        services.GetRequiredService<LocalEmbeddings>().Generator.AsBuilder().UseOpenTelemetry().Build(), local: true));

    /// <summary>Why the local model is not the one embedding, once it was needed; null when it is, or was never needed.</summary>
    public string? LocalFallbackReason => Platform.Provider == LocalEmbeddings.Provider || _local.IsValueCreated
        ? services.GetRequiredService<LocalEmbeddings>().FallbackReason : null;

    public async Task<EmbeddingTarget> ForAsync(AiDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        For(await db.ModelSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken));

    public EmbeddingTarget For(ModelSettings? settings) => settings switch
    {
        { EmbeddingsEndpoint: not null, EmbeddingsModel: not null } => ownEndpoints.Embeddings(settings),
        { LocalOnly: true } when !Platform.Local => _local.Value,
        _ => Platform,
    };

    private static EmbeddingTarget Describe(IEmbeddingGenerator<string, Embedding<float>> generator, bool local)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = metadata?.ProviderName ?? "";
        return new EmbeddingTarget(metadata?.DefaultModelId ?? "", provider, local || provider == LocalEmbeddings.Provider, generator);
    }
}
