using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Ai.Models;

/// <summary>Degraded while search embeds with the fallback because the local model could not load (<see cref="LocalEmbeddings"/>).</summary>
public sealed class EmbeddingsHealthCheck(IEmbeddingGenerator<string, Embedding<float>> embedder, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<LocalEmbeddings>()?.FallbackReason is { } reason
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy($"Embedding with {embedder.ModelId()}."));
}
