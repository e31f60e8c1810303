using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Ai.Models;

/// <summary>Degraded while search embeds with the fallback because the local model could not load (<see cref="LocalEmbeddings"/>).</summary>
public sealed class EmbeddingsHealthCheck(EmbeddingModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.LocalFallbackReason is { } reason
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy($"Embedding with {models.Platform.Model}."));
}
