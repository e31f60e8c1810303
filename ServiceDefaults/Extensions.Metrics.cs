using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// The port Prometheus scrapes <see cref="MetricsPath"/> on (in Kubernetes: Managed Service for Prometheus, which
    /// also feeds the autoscalers' per-pod metrics); the service must listen on it too (HTTP_PORTS). Unset, as in the
    /// AppHost, there is no such endpoint: metrics go to the dashboard by OTLP.
    /// </summary>
    public const string PrometheusPortSetting = "Metrics:PrometheusPort";

    public const string MetricsPath = "/metrics";

    private static int? PrometheusPort(IConfiguration configuration) =>
        int.TryParse(configuration[PrometheusPortSetting], out var port) ? port : null;

    private static void AddPrometheusExporter(IHostApplicationBuilder builder)
    {
        if (PrometheusPort(builder.Configuration) is not null)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        }
    }

    /// <summary>
    /// <see cref="MetricsPath"/> on the Prometheus port only: the service's own port, which the gateway and the load
    /// balancer reach, does not answer it.
    /// </summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        if (PrometheusPort(app.Configuration) is { } port)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost($"*:{port}").DisableHttpMetrics().ExcludeFromDescription();
        }
        return app;
    }
}
