using k8s.Models;

namespace Platform.Deploy;

/// <summary>
/// Nothing moves in the namespace but what a policy allows: each service is reached only by the services that call it
/// (the edge ones also by Google's load balancers), and reaches only DNS, the metadata server (Workload Identity),
/// Google's APIs (Cloud SQL's connector, Secret Manager, telemetry), its database and Redis, the OpenTelemetry
/// collector, the Dapr control plane and the services it calls.
/// </summary>
public static class NetworkPolicies
{
    /// <summary>Google's load balancers and health checkers (the edge's Gateway reaches pods from these).</summary>
    private static readonly string[] LoadBalancerRanges = ["35.191.0.0/16", "130.211.0.0/22"];

    /// <summary>Private addresses: Cloud SQL's private IP (the connector's port 3307) and Memorystore (6378 with TLS).</summary>
    private const string PrivateRange = "10.0.0.0/8";

    public static V1NetworkPolicy DenyAll() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = Labels.Shared("default-deny"),
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] },
    };

    public static V1NetworkPolicy Of(ServiceProfile service, IReadOnlyList<string> callers, IReadOnlyList<string> calls)
    {
        var ingress = new List<V1NetworkPolicyIngressRule>();
        if (callers.Count > 0)
        {
            ingress.Add(new V1NetworkPolicyIngressRule { FromProperty = [.. callers.Select(Pods)], Ports = [Port(ServiceProfile.ContainerPort)] });
        }
        if (ServiceProfile.Edge.Contains(service.Name))
        {
            ingress.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = [.. LoadBalancerRanges.Select(range => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = range } })],
                Ports = [Port(ServiceProfile.ContainerPort)],
            });
        }
        // Managed Service for Prometheus scrapes the metrics (and Dapr's sidecar metrics).
        ingress.Add(new V1NetworkPolicyIngressRule { FromProperty = [Namespace("gmp-system")], Ports = [Port(ServiceProfile.MetricsPort), Port(9090)] });

        var egress = new List<V1NetworkPolicyEgressRule>
        {
            new() { To = [Namespace("kube-system")], Ports = [Port(53, "UDP"), Port(53)] },
            new() { To = [Block("169.254.169.254/32"), Block("169.254.169.252/32")], Ports = [Port(80), Port(988)] },
            new() { To = [Block("0.0.0.0/0")], Ports = [Port(443)] },
            new() { To = [Block(PrivateRange)], Ports = [Port(3307), Port(5432), Port(6378), Port(6379)] },
            new() { To = [Namespace("observability")], Ports = [Port(4317)] },
        };
        if (service.PrivatePorts is { } ports)
        {
            egress.Add(new V1NetworkPolicyEgressRule { To = [Block(PrivateRange)], Ports = [.. ports.Select(port => Port(port))] });
        }
        if (service.Dapr)
        {
            egress.Add(new V1NetworkPolicyEgressRule { To = [Namespace("dapr-system")] });
        }
        if (calls.Count > 0)
        {
            egress.Add(new V1NetworkPolicyEgressRule { To = [.. calls.Select(Pods)], Ports = [Port(ServiceProfile.ContainerPort)] });
        }
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = Labels.Selector(service.Name) },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = ingress,
                Egress = egress,
            },
        };
    }

    private static V1NetworkPolicyPeer Pods(string service) => new() { PodSelector = new V1LabelSelector { MatchLabels = Labels.Selector(service) } };

    private static V1NetworkPolicyPeer Namespace(string name) => new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } },
    };

    private static V1NetworkPolicyPeer Block(string cidr) => new() { IpBlock = new V1IPBlock { Cidr = cidr } };

    private static V1NetworkPolicyPort Port(int port, string protocol = "TCP") => new() { Port = port, Protocol = protocol };
}
