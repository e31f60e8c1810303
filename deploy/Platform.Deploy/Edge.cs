using Platform.Deploy.Crds;

namespace Platform.Deploy;

/// <summary>
/// The way in: a Gateway API Gateway on GKE's global external Application Load Balancer (TLS from a Certificate
/// Manager map), the API host routed to the gateway service and the app's host to the web app, each backend with a
/// timeout long enough for WebSockets and SignalR, cookie affinity (a SignalR client's requests reach the pod that
/// holds its connection) and draining, and health checked on /health.
/// </summary>
public static class Edge
{
    public const string GatewayName = "platform";

    /// <summary>A WebSocket through the load balancer lives at most this long; clients reconnect and resume.</summary>
    private const int BackendTimeoutSeconds = 3600;

    public static Gateway Gateway()
    {
        var gateway = new Gateway
        {
            Metadata = Labels.Shared(GatewayName),
            Spec = new GatewaySpec
            {
                GatewayClassName = "gke-l7-global-external-managed",
                Listeners = [new GatewayListener { Name = "https", Protocol = "HTTPS", Port = 443 }],
            },
        };
        gateway.Metadata.Annotations = new Dictionary<string, string> { ["networking.gke.io/certmap"] = "platform-certificates" };
        return gateway;
    }

    /// <summary>Requests for <paramref name="host"/> to <paramref name="service"/>.</summary>
    public static HttpRoute Route(string service, string host) => new()
    {
        Metadata = Labels.Shared(service),
        Spec = new HttpRouteSpec
        {
            ParentRefs = [new ParentReference { Name = GatewayName, SectionName = "https" }],
            Hostnames = [host],
            Rules = [new HttpRouteRule { BackendRefs = [new BackendReference { Name = service, Port = 80 }] }],
        },
    };

    public static GcpBackendPolicy BackendPolicy(string service) => new()
    {
        Metadata = Labels.Shared(service),
        Spec = new GcpBackendPolicySpec
        {
            Default = new GcpBackendPolicyDefault
            {
                TimeoutSec = BackendTimeoutSeconds,
                SessionAffinity = new SessionAffinity { Type = "GENERATED_COOKIE", CookieTtlSec = BackendTimeoutSeconds },
                ConnectionDraining = new ConnectionDraining { DrainingTimeoutSec = 60 },
            },
            TargetRef = new PolicyTargetReference { Group = "", Kind = "Service", Name = service },
        },
    };

    public static HealthCheckPolicy HealthCheck(string service) => new()
    {
        Metadata = Labels.Shared(service),
        Spec = new HealthCheckPolicySpec
        {
            Default = new HealthCheckPolicyDefault
            {
                Config = new HealthCheckConfig { Type = "HTTP", HttpHealthCheck = new HttpHealthCheck { RequestPath = "/health", Port = ServiceProfile.ContainerPort } },
            },
            TargetRef = new PolicyTargetReference { Group = "", Kind = "Service", Name = service },
        },
    };
}
