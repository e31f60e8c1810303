using k8s.Models;

namespace Platform.Deploy.Crds;

// Google Cloud Managed Service for Prometheus (monitoring.googleapis.com/v1).
#pragma warning disable CA2227 // Settable collections: the YAML reader fills them.

public sealed class PodMonitoring() : CustomResource<PodMonitoringSpec>("monitoring.googleapis.com/v1", "PodMonitoring");

public sealed class PodMonitoringSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ScrapeEndpoint> Endpoints { get; set; } = [];
}

public sealed class ScrapeEndpoint
{
    public string Port { get; set; } = "";

    public string Path { get; set; } = "";

    public string Interval { get; set; } = "";
}
