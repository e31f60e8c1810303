using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure;

internal static class ConnectionHealthCheck
{
    /// <summary>
    /// Registers a health check built from the resource's connection string. The string is resolved the
    /// first time a check runs (its endpoint is allocated by then) and kept: it never changes afterwards.
    /// </summary>
    public static void Add(IDistributedApplicationBuilder builder, string key, IResourceWithConnectionString resource, Func<string, IHealthCheck> create)
    {
        string? connectionString = null;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => create(connectionString ??= Resolve(resource)),
            failureStatus: default,
            tags: default));
    }

    private static string Resolve(IResourceWithConnectionString resource) =>
        resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
}
