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

    public static V1Job Of(ManifestProject migrations, List<V1EnvVar> environment)
    {
        // A run to completion: no port, no probes. The connector beside it stops once it has finished, so the Job completes.
        var pod = Workloads.Pod(ServiceProfile.Migrations, Workloads.Container(Profile, environment), migrations);
        pod.RestartPolicy = "Never";
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
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = Labels.Of(ServiceProfile.Migrations, "migrations") }, Spec = pod },
            },
        };
    }

    /// <summary>Each service's Cloud SQL IAM user, by its database: the migrations grant it the database's roles.</summary>
    public static IEnumerable<V1EnvVar> IamMembers(IEnumerable<ManifestProject> services) =>
        from service in services
        from database in EnvironmentMapping.DatabasesOf(service)
        select new V1EnvVar { Name = $"Postgres__IamMembers__{database}", Value = CloudSqlProxy.IamUser(service.Name) };

    public static V1ServiceAccount ServiceAccount() => Workloads.ServiceAccount(Profile);

    /// <summary>It reaches its databases and Google's APIs; nothing reaches it.</summary>
    public static V1NetworkPolicy NetworkPolicy() => NetworkPolicies.Of(Profile, callers: [], calls: []);
}
