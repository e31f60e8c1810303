namespace Platform.Deploy.Crds;

// Gateway API (gateway.networking.k8s.io/v1) and GKE's policies for its load balancer (networking.gke.io/v1).
#pragma warning disable CA2227 // Settable collections: the YAML reader fills them.

public sealed class Gateway() : CustomResource<GatewaySpec>("gateway.networking.k8s.io/v1", "Gateway");

public sealed class GatewaySpec
{
    public string GatewayClassName { get; set; } = "";

    public List<GatewayListener> Listeners { get; set; } = [];
}

public sealed class GatewayListener
{
    public string Name { get; set; } = "";

    public string Protocol { get; set; } = "";

    public int Port { get; set; }
}

public sealed class HttpRoute() : CustomResource<HttpRouteSpec>("gateway.networking.k8s.io/v1", "HTTPRoute");

public sealed class HttpRouteSpec
{
    public List<ParentReference> ParentRefs { get; set; } = [];

    public List<string> Hostnames { get; set; } = [];

    public List<HttpRouteRule> Rules { get; set; } = [];
}

public sealed class ParentReference
{
    public string Name { get; set; } = "";

    public string? SectionName { get; set; }
}

public sealed class HttpRouteRule
{
    public List<BackendReference> BackendRefs { get; set; } = [];
}

public sealed class BackendReference
{
    public string Name { get; set; } = "";

    public int Port { get; set; }
}

public sealed class PolicyTargetReference
{
    public string Group { get; set; } = "";

    public string Kind { get; set; } = "Service";

    public string Name { get; set; } = "";
}

public sealed class GcpBackendPolicy() : CustomResource<GcpBackendPolicySpec>("networking.gke.io/v1", "GCPBackendPolicy");

public sealed class GcpBackendPolicySpec
{
    public GcpBackendPolicyDefault Default { get; set; } = new();

    public PolicyTargetReference TargetRef { get; set; } = new();
}

public sealed class GcpBackendPolicyDefault
{
    public int TimeoutSec { get; set; }

    public SessionAffinity? SessionAffinity { get; set; }

    public ConnectionDraining? ConnectionDraining { get; set; }
}

public sealed class SessionAffinity
{
    public string Type { get; set; } = "";

    public int? CookieTtlSec { get; set; }
}

public sealed class ConnectionDraining
{
    public int DrainingTimeoutSec { get; set; }
}

public sealed class HealthCheckPolicy() : CustomResource<HealthCheckPolicySpec>("networking.gke.io/v1", "HealthCheckPolicy");

public sealed class HealthCheckPolicySpec
{
    public HealthCheckPolicyDefault Default { get; set; } = new();

    public PolicyTargetReference TargetRef { get; set; } = new();
}

public sealed class HealthCheckPolicyDefault
{
    public HealthCheckConfig Config { get; set; } = new();
}

public sealed class HealthCheckConfig
{
    public string Type { get; set; } = "HTTP";

    public HttpHealthCheck HttpHealthCheck { get; set; } = new();
}

public sealed class HttpHealthCheck
{
    public string RequestPath { get; set; } = "";

    public int Port { get; set; }
}
