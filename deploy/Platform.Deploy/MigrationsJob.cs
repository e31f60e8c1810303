using k8s.Models;

namespace Platform.Deploy;

/// <summary>
/// The databases' migrations as a Job a release runs, and waits for, before the services roll out: once, not as a
/// Deployment restarting forever. Kept out of the base (a Job's template cannot change once created): the release
/// applies it under its own name.
/// </summary>
public static class MigrationsJob
{
    private static readonly ServiceProfile Profile = new(ServiceProfile.Migrations, "migrations", 1, 1, "250m", "256Mi", "512Mi");

    public static V1Job Of(List<V1EnvVar> environment)
    {
        var container = Workloads.Container(Profile, environment);
        // A run to completion: no port, no probes.
        (container.Ports, container.StartupProbe, container.LivenessProbe, container.ReadinessProbe) = (null, null, null, null);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = ServiceProfile.Migrations, Labels = Labels.Of(ServiceProfile.Migrations, "migrations") },
            Spec = new V1JobSpec
            {
                BackoffLimit = 2,
                ActiveDeadlineSeconds = 1800,
                TtlSecondsAfterFinished = 86400,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels.Of(ServiceProfile.Migrations, "migrations") },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = ServiceProfile.Migrations,
                        AutomountServiceAccountToken = false,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = 1654,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        // The connector stops once the migrations' container has finished, so the Job completes.
                        InitContainers = [CloudSqlProxy.Sidecar()],
                        Containers = [container],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }

    /// <summary>Each service's Cloud SQL IAM user, by its database: the migrations grant it the database's roles.</summary>
    public static IEnumerable<V1EnvVar> IamMembers(IEnumerable<ManifestProject> services) =>
        from service in services
        from database in CloudSqlProxy.DatabasesOf(service)
        select new V1EnvVar { Name = $"Postgres__IamMembers__{database}", Value = CloudSqlProxy.IamUser(service.Name) };

    public static V1ServiceAccount ServiceAccount() => Workloads.ServiceAccount(Profile);

    /// <summary>It reaches its databases and Google's APIs; nothing reaches it.</summary>
    public static V1NetworkPolicy NetworkPolicy() => NetworkPolicies.Of(Profile, callers: [], calls: []);
}
