using k8s.Models;

namespace Platform.Deploy;

/// <summary>
/// Cloud SQL's connector beside each process with a database, as a native sidecar (an init container that keeps
/// running: it starts before the service and stops after it). It signs in with the pod's Google service account (IAM
/// database authentication, no password) over the instance's private IP, and listens on 127.0.0.1:5432, where the
/// connection strings from the secret store point.
/// </summary>
public static class CloudSqlProxy
{
    public const string Image = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1";

    /// <summary>Its health endpoints' port (not 9090, which Dapr's sidecar metrics take).</summary>
    private const int HealthPort = 9801;

    /// <summary>The settings key naming the instance (project:region:name), which the overlays fill.</summary>
    public const string InstanceSetting = "cloud-sql-instance";

    /// <summary>
    /// The Cloud SQL IAM user a service signs in as (its Google service account's email without
    /// ".gserviceaccount.com"), which the migrations grant its database roles (Postgres:IamMembers:{database}).
    /// </summary>
    public static string IamUser(string service) => Workloads.GoogleServiceAccount(service).Replace(".gserviceaccount.com", "", StringComparison.Ordinal);

    public static V1Container Sidecar() => new()
    {
        Name = "cloud-sql-proxy",
        Image = Image,
        RestartPolicy = "Always",
        Args =
        [
            "--private-ip",
            "--auto-iam-authn",
            "--structured-logs",
            "--port=5432",
            "--health-check",
            "--http-address=0.0.0.0",
            $"--http-port={HealthPort}",
            "$(CLOUD_SQL_INSTANCE)",
        ],
        Env =
        [
            new V1EnvVar
            {
                Name = "CLOUD_SQL_INSTANCE",
                ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = EnvironmentMapping.SettingsConfigMap, Key = InstanceSetting } },
            },
        ],
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("128Mi") },
        },
        StartupProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/startup", Port = HealthPort }, PeriodSeconds = 1, FailureThreshold = 60 },
        LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/liveness", Port = HealthPort }, PeriodSeconds = 10, FailureThreshold = 3 },
        SecurityContext = Workloads.RestrictedContainer(),
    };
}
