using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Collaboration.Editing;

namespace Platform.Collaboration.Tests;

/// <summary>
/// Where a Prometheus port is set (the Kubernetes manifests set it), the service answers /metrics there and only there,
/// with the connection gauge the collaboration service's autoscaler reads per pod.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_scraped_on_their_own_port_with_the_websocket_connections_gauge()
    {
        var (servicePort, metricsPort) = (FreePort(), FreePort());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration[Extensions.PrometheusPortSetting] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.WebHost.UseUrls($"http://127.0.0.1:{servicePort}", $"http://127.0.0.1:{metricsPort}");
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(TimeProvider.System).AddSingleton<LiveDocuments>().AddSingleton<CollaborationMetrics>();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var metrics = app.Services.GetRequiredService<CollaborationMetrics>();
        metrics.Connected();
        metrics.Connected();
        metrics.Connected();
        metrics.Disconnected();

        using var http = new HttpClient();
        using var scraped = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}{Extensions.MetricsPath}"), TestContext.Current.CancellationToken);
        var exposition = await scraped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Matches(@"(?m)^websocket_connections(\{[^}]*\})? 2(\s|$)", exposition);

        using var onServicePort = await http.GetAsync(new Uri($"http://127.0.0.1:{servicePort}{Extensions.MetricsPath}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, onServicePort.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
