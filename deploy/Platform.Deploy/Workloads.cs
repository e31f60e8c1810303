using k8s.Models;
using Platform.Deploy.Crds;

namespace Platform.Deploy;

/// <summary>
/// A service's objects: its ServiceAccount (bound to a Google service account by Workload Identity), its Deployment,
/// Service, PodDisruptionBudget, HorizontalPodAutoscaler and PodMonitoring.
/// </summary>
public static class Workloads
{
    /// <summary>The Google service account a service runs as (Workload Identity); PROJECT_ID is the Google Cloud project's.</summary>
    public static string GoogleServiceAccount(string service) => $"platform-{service}@PROJECT_ID.iam.gserviceaccount.com";

    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    public static V1ServiceAccount ServiceAccount(ServiceProfile service) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta
        {
            Name = service.Name,
            Labels = Labels.Of(service.Name, service.Component),
            Annotations = new Dictionary<string, string> { ["iam.gke.io/gcp-service-account"] = GoogleServiceAccount(service.Name) },
        },
        AutomountServiceAccountToken = false,
    };

    /// <summary>The Secret holding the certificate authority of Memorystore's TLS (made from Terraform's output), and where services find it.</summary>
    public const string RedisCaSecret = "redis-ca";

    private const string RedisCaFolder = "/etc/platform/redis-ca";

    public static V1Deployment Deployment(ServiceProfile service, ManifestProject project, List<V1EnvVar> environment)
    {
        var pod = Pod(service.Name, ServiceContainer(service, WithTelemetry(service, environment)), project);
        if (service.Dapr && pod.Volumes.All(volume => volume.Name != RedisCaSecret))
        {
            // The sidecar reaches Memorystore even when the service itself does not use Redis.
            pod.Volumes.Add(RedisCaVolume());
        }
        // Long-lived connections get time to move: the pod leaves the Service's endpoints, waits, then stops taking work.
        pod.TerminationGracePeriodSeconds = service.LongLivedConnections ? 60 : 30;
        pod.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = 1,
                TopologyKey = "topology.kubernetes.io/zone",
                WhenUnsatisfiable = "ScheduleAnyway",
                LabelSelector = new V1LabelSelector { MatchLabels = Labels.Selector(service.Name) },
            },
        ];
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
            // No replicas: the HorizontalPodAutoscaler owns them (an apply would otherwise reset its count).
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = Labels.Selector(service.Name) },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels.Of(service.Name, service.Component), Annotations = service.Dapr ? Dapr.Annotations(service.Name) : null },
                    Spec = pod,
                },
            },
        };
    }

    /// <summary>
    /// The service listens on the metrics port too, and answers /metrics there only (ServiceDefaults' Metrics:PrometheusPort);
    /// its traces and logs go to the cluster's OpenTelemetry collector, as the AppHost sends them to the dashboard.
    /// </summary>
    private static List<V1EnvVar> WithTelemetry(ServiceProfile service, List<V1EnvVar> environment) =>
    [
        .. environment.Select(variable => variable.Name == "HTTP_PORTS"
            ? new V1EnvVar { Name = variable.Name, Value = $"{ServiceProfile.ContainerPort};{ServiceProfile.MetricsPort}" }
            : variable),
        new V1EnvVar { Name = "Metrics__PrometheusPort", Value = ServiceProfile.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new V1EnvVar { Name = "OTEL_EXPORTER_OTLP_ENDPOINT", Value = $"http://{Dapr.CollectorAddress}" },
        new V1EnvVar { Name = "OTEL_SERVICE_NAME", Value = service.Name },
    ];

    /// <summary>
    /// The pod any process of the platform runs in (a service's or the migrations'): its own service account without a
    /// token, non-root under seccomp, a writable /tmp on a read-only image; Cloud SQL's connector beside it when it has
    /// a database, and Memorystore's certificate authority mounted when it uses Redis (whose clients trust it for that
    /// connection only).
    /// </summary>
    public static V1PodSpec Pod(string name, V1Container container, ManifestProject project)
    {
        container.SecurityContext = RestrictedContainer();
        container.VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }];
        var volumes = new List<V1Volume> { new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("256Mi") } } };
        if (EnvironmentMapping.UsesRedis(project))
        {
            container.Env.Add(new V1EnvVar { Name = "Redis__CaCertificatePath", Value = $"{RedisCaFolder}/ca.pem" });
            container.VolumeMounts.Add(new V1VolumeMount { Name = RedisCaSecret, MountPath = RedisCaFolder, ReadOnlyProperty = true });
            volumes.Add(RedisCaVolume());
        }
        return new V1PodSpec
        {
            InitContainers = EnvironmentMapping.DatabasesOf(project).Count > 0 ? [CloudSqlProxy.Sidecar()] : null,
            ServiceAccountName = name,
            AutomountServiceAccountToken = false,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = 1654,
                RunAsGroup = 1654,
                FsGroup = 1654,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            Containers = [container],
            Volumes = volumes,
        };
    }

    private static V1Volume RedisCaVolume() => new() { Name = RedisCaSecret, Secret = new V1SecretVolumeSource { SecretName = RedisCaSecret } };

    /// <summary>A process's container: its image, environment and resources (what the migrations' has too).</summary>
    public static V1Container Container(ServiceProfile process, List<V1EnvVar> environment) => new()
    {
        Name = process.Name,
        Image = Image(process.Name),
        Env = environment,
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(process.CpuRequest), ["memory"] = new(process.MemoryRequest) },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(process.MemoryLimit) },
        },
    };

    /// <summary>A service's container: its ports, probes and, for long-lived connections, a pause before it stops.</summary>
    private static V1Container ServiceContainer(ServiceProfile service, List<V1EnvVar> environment)
    {
        var container = Container(service, environment);
        container.Ports =
        [
            new V1ContainerPort { Name = "http", ContainerPort = ServiceProfile.ContainerPort, Protocol = "TCP" },
            new V1ContainerPort { Name = "metrics", ContainerPort = ServiceProfile.MetricsPort, Protocol = "TCP" },
        ];
        // Up to five minutes to start (migrations are a Job, but a cold node pulls the image and warms the JIT).
        container.StartupProbe = Probe(AlivePath, period: 5, failures: 60);
        container.LivenessProbe = Probe(AlivePath, period: 10, failures: 3);
        container.ReadinessProbe = Probe(HealthPath, period: 5, failures: 2);
        container.Lifecycle = service.LongLivedConnections
            ? new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = 20 } } }
            : null;
        return container;
    }

    /// <summary>Non-root, read-only root filesystem, no privilege escalation, every capability dropped.</summary>
    public static V1SecurityContext RestrictedContainer() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    /// <summary>The image the build publishes for a project; overlays and the release pin it to a registry and digest.</summary>
    public static string Image(string service) => $"platform/{service}";

    private static V1Probe Probe(string path, int period, int failures) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = "http" },
        PeriodSeconds = period,
        FailureThreshold = failures,
        TimeoutSeconds = 3,
    };

    public static V1Service Service(ServiceProfile service) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
        Spec = new V1ServiceSpec
        {
            Selector = Labels.Selector(service.Name),
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http", Protocol = "TCP" }],
        },
    };

    public static V1PodDisruptionBudget DisruptionBudget(ServiceProfile service) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
        Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector { MatchLabels = Labels.Selector(service.Name) } },
    };

    /// <summary>
    /// CPU at 70 % and memory at 80 % of requests; a service that counts its WebSockets also at 100 per pod. Scaling
    /// down waits five minutes.
    /// </summary>
    public static V2HorizontalPodAutoscaler Autoscaler(ServiceProfile service)
    {
        var metrics = new List<V2MetricSpec> { Utilization("cpu", 70), Utilization("memory", 80) };
        if (service.ScalesOnConnections)
        {
            metrics.Add(new V2MetricSpec
            {
                Type = "Pods",
                Pods = new V2PodsMetricSource
                {
                    // The service's gauge (websocket.connections) as Managed Service for Prometheus stores it, read through the custom metrics adapter.
                    Metric = new V2MetricIdentifier { Name = "prometheus.googleapis.com|websocket_connections|gauge" },
                    Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("100") },
                },
            });
        }
        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = service.Name },
                MinReplicas = service.MinReplicas,
                MaxReplicas = service.MaxReplicas,
                Metrics = metrics,
                Behavior = new V2HorizontalPodAutoscalerBehavior
                {
                    ScaleDown = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = 300,
                        Policies = [new V2HPAScalingPolicy { Type = "Pods", Value = 1, PeriodSeconds = 60 }],
                    },
                },
            },
        };
    }

    private static V2MetricSpec Utilization(string resource, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resource, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };

    /// <summary>Managed Service for Prometheus scrapes the service's metrics port (the autoscaler's per-pod metrics come from there).</summary>
    public static PodMonitoring Monitoring(ServiceProfile service) => new()
    {
        Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels.Of(service.Name, service.Component) },
        Spec = new PodMonitoringSpec
        {
            Selector = new V1LabelSelector { MatchLabels = Labels.Selector(service.Name) },
            Endpoints = [new ScrapeEndpoint { Port = "metrics", Path = "/metrics", Interval = "30s" }],
        },
    };
}
