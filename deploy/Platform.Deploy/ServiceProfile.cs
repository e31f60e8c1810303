namespace Platform.Deploy;

/// <summary>
/// What the AppHost's manifest does not say about running a service in a cluster: how far it scales, what it needs,
/// whether it has a Dapr sidecar and long-lived connections, whether it scales on its WebSockets (the
/// <c>websocket.connections</c> gauge it exports). Every project of the manifest but the migrations has one
/// (a test checks), so a new service cannot be published without deciding these.
/// </summary>
public sealed record ServiceProfile(
    string Name,
    string Component,
    int MinReplicas,
    int MaxReplicas,
    string CpuRequest,
    string MemoryRequest,
    string MemoryLimit,
    bool Dapr = false,
    bool LongLivedConnections = false,
    bool ScalesOnConnections = false,
    int[]? PrivatePorts = null)
{
    /// <summary>clamd's port: the files service reaches the virus scanner its connection string <c>clamav</c> names, in the private network.</summary>
    public const int ClamdPort = 3310;

    /// <summary>The port every service listens on in its container (HTTP_PORTS), and its Service's port name.</summary>
    public const int ContainerPort = 8080;

    /// <summary>The port Prometheus scrapes /metrics on (ServiceDefaults' Metrics:PrometheusPort), which nothing else reaches.</summary>
    public const int MetricsPort = 9464;

    /// <summary>The project that applies the databases' migrations: a Job run once per release, not a service.</summary>
    public const string Migrations = "migrations";

    /// <summary>The services reached from outside the cluster, through the edge.</summary>
    public static readonly string[] Edge = ["gateway", "web"];

    public static readonly IReadOnlyList<ServiceProfile> All =
    [
        // Announces memberships and new tokens through its outbox.
        new("identity", "identity", 2, 4, "100m", "256Mi", "512Mi", Dapr: true),
        new("projects", "api", 2, 6, "250m", "384Mi", "768Mi", Dapr: true),
        // Editors' WebSockets: scaled on connections too, drained before a pod stops.
        new("collaboration", "realtime", 2, 10, "250m", "384Mi", "768Mi", Dapr: true, LongLivedConnections: true, ScalesOnConnections: true),
        new("analytics", "api", 2, 4, "250m", "384Mi", "1Gi", Dapr: true),
        // Senders' deliveries: short requests, bursty (a push of many commits).
        new("webhooks", "integrations", 2, 4, "100m", "256Mi", "512Mi", Dapr: true),
        // Events in, inboxes and mail out (to the mail service the connection string "mail" names).
        new("notifications", "api", 2, 4, "100m", "256Mi", "512Mi", Dapr: true),
        // Uploads (up to 100 MB a request), scanned by the clamd the connection string "clamav" names; text extraction and
        // image variants in the background, one file at a time per replica.
        new("files", "api", 2, 4, "250m", "512Mi", "1Gi", Dapr: true, PrivatePorts: [ClamdPort]),
        // MCP clients' listen streams stay open for long. The local embedding model (all-MiniLM-L6-v2 on ONNX Runtime) takes
        // about 450 MB of the process while it embeds.
        new("ai", "api", 2, 6, "250m", "768Mi", "1536Mi", Dapr: true, LongLivedConnections: true),
        // Relays the editors' WebSockets and the MCP streams.
        new("gateway", "edge", 2, 10, "250m", "256Mi", "512Mi", LongLivedConnections: true),
        // Blazor Server circuits: a SignalR connection per open page.
        new("web", "frontend", 2, 8, "250m", "384Mi", "768Mi", LongLivedConnections: true),
    ];
}
