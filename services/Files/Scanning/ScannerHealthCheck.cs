using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Files.Scanning;

/// <summary>Degraded while clamd does not answer: uploads are still taken, and wait as pending until it does.</summary>
public sealed class ScannerHealthCheck(ClamdScanner scanner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await scanner.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy("clamd answers PING.")
            : HealthCheckResult.Degraded("clamd does not answer: uploads wait as pending until it does.");
}
