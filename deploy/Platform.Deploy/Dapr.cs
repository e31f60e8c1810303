using Platform.Deploy.Crds;

namespace Platform.Deploy;

/// <summary>
/// The Dapr sidecar of a service that publishes or receives events (asked for on the pod template, where the injector
/// looks), and what the sidecars share: the Redis pub/sub component (Memorystore, TLS, its address and password from
/// a Secret the secret store fills), the retries of event handlers, and a Configuration with mTLS and tracing.
/// </summary>
public static class Dapr
{
    /// <summary>The Dapr Configuration (tracing, mTLS) every sidecar uses.</summary>
    public const string Configuration = "platform";

    /// <summary>The Secret holding the pub/sub's Redis address and password (REDIS_HOST, REDIS_PASSWORD), as the local component reads them.</summary>
    public const string PubSubSecret = "dapr-pubsub";

    /// <summary>Where the sidecars and the services send their traces (OTLP over gRPC): the cluster's OpenTelemetry collector.</summary>
    public const string CollectorAddress = "opentelemetry-collector.observability.svc.cluster.local:4317";

    /// <summary>
    /// Where the sidecar finds Memorystore's certificate authority. The pubsub.redis component has no setting for a private
    /// authority (its TLS trusts the system roots), and daprd is a Go program: it adds the certificates in the folders
    /// named by SSL_CERT_DIR to the system bundle it still reads, so the pod's redis-ca volume is mounted there.
    /// </summary>
    public const string RedisCaFolder = "/mnt/redis-ca";

    public static Dictionary<string, string> Annotations(string service) => new()
    {
        ["dapr.io/volume-mounts"] = $"{Workloads.RedisCaSecret}:{RedisCaFolder}",
        ["dapr.io/env"] = $"SSL_CERT_DIR={RedisCaFolder}",
        ["dapr.io/enabled"] = "true",
        ["dapr.io/app-id"] = service,
        ["dapr.io/app-port"] = ServiceProfile.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["dapr.io/config"] = Configuration,
        ["dapr.io/enable-metrics"] = "true",
        ["dapr.io/metrics-port"] = "9090",
    };

    /// <summary>The event bus's pub/sub, named as in AppHost/dapr/components/pubsub.yaml, on Memorystore with TLS.</summary>
    public static DaprComponent PubSub() => new()
    {
        Metadata = Labels.Shared("pubsub"),
        Spec = new DaprComponentSpec
        {
            Type = "pubsub.redis",
            Version = "v1",
            Metadata =
            [
                new DaprMetadata { Name = "redisHost", SecretKeyRef = new DaprSecretKeyRef { Name = PubSubSecret, Key = "REDIS_HOST" } },
                new DaprMetadata { Name = "redisPassword", SecretKeyRef = new DaprSecretKeyRef { Name = PubSubSecret, Key = "REDIS_PASSWORD" } },
                new DaprMetadata { Name = "enableTLS", Value = "true" },
            ],
        },
    };

    /// <summary>Redelivery of events whose handler answered RETRY, as AppHost/dapr/components/resiliency.yaml has it locally.</summary>
    public static DaprResiliency Retries() => new()
    {
        Metadata = Labels.Shared("event-bus-retries"),
        Spec = new DaprResiliencySpec
        {
            Policies = new DaprPolicies
            {
                Retries = new() { ["eventHandler"] = new DaprRetry { Policy = "exponential", Duration = "200ms", MaxInterval = "10s", MaxRetries = 5 } },
            },
            Targets = new DaprTargets { Components = new() { ["pubsub"] = new DaprComponentTarget { Inbound = new DaprInbound { Retry = "eventHandler" } } } },
        },
    };

    public static DaprConfiguration Config() => new()
    {
        Metadata = Labels.Shared(Configuration),
        Spec = new DaprConfigurationSpec
        {
            Tracing = new DaprTracing { SamplingRate = "1", Otel = new DaprOtel { EndpointAddress = CollectorAddress, IsSecure = false, Protocol = "grpc" } },
            Mtls = new DaprEnabled { Enabled = true },
            Metric = new DaprEnabled { Enabled = true },
        },
    };
}
