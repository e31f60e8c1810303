using System.Text;
using k8s;
using k8s.Models;

namespace Platform.Deploy;

/// <summary>
/// The kustomize tree under deploy/k8s, file by file: <c>base/</c> (each service's objects, the namespace's
/// default-deny policy, the secret store's ExternalSecrets, Dapr's components, the edge's Gateway and backend
/// policies), <c>migrations/</c> (the Job a release runs first) and <c>overlays/{dev,prod}/</c> (namespace, settings,
/// routes for the overlay's host names, scale).
/// </summary>
public static class KubernetesManifests
{
    public sealed record Overlay(string Name, string Namespace, string PublicHost, bool Small);

    public static readonly Overlay[] Overlays =
    [
        new("dev", "platform-dev", "dev.platform.example.com", Small: true),
        new("prod", "platform", "platform.example.com", Small: false),
    ];

    public static SortedDictionary<string, string> Generate(AspireManifest manifest)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var projects = manifest.Projects.ToDictionary(p => p.Name);
        var calls = manifest.Projects.ToDictionary(p => p.Name, p => EnvironmentMapping.Calls(p, manifest));
        var services = ServiceProfile.All.Where(s => projects.ContainsKey(s.Name)).ToList();

        files["base/network-policy-default-deny.yaml"] = Yaml(NetworkPolicies.DenyAll());
        foreach (var service in services)
        {
            var project = projects[service.Name];
            var callers = calls.Where(c => c.Value.Contains(service.Name)).Select(c => c.Key).Where(n => n != ServiceProfile.Migrations).Order(StringComparer.Ordinal).ToList();
            files[$"base/{service.Name}.yaml"] = Yaml(
                Workloads.ServiceAccount(service),
                Workloads.Deployment(service, project, EnvironmentMapping.Map(project, manifest)),
                Workloads.Service(service),
                Workloads.DisruptionBudget(service),
                Workloads.Autoscaler(service),
                Workloads.Monitoring(service),
                NetworkPolicies.Of(service, callers, calls[service.Name]));
        }
        files["base/secrets.yaml"] = Yaml([Secrets.SecretStore(), .. services.Select(s => Secrets.ForService(s.Name)), Secrets.For(Workloads.RedisCaSecret, "platform-redis-ca")]);
        files["base/dapr.yaml"] = Yaml(Dapr.PubSub(), Dapr.Retries(), Dapr.Config(), Secrets.For(Dapr.PubSubSecret, "platform-dapr-pubsub"));
        files["base/edge.yaml"] = Yaml([Edge.Gateway(), .. ServiceProfile.Edge.SelectMany(name => new object[] { Edge.BackendPolicy(name), Edge.HealthCheck(name) })]);
        files["base/kustomization.yaml"] = Kustomization(
            resources: ["network-policy-default-deny.yaml", "secrets.yaml", "dapr.yaml", "edge.yaml", .. services.Select(s => $"{s.Name}.yaml")]);

        if (projects.TryGetValue(ServiceProfile.Migrations, out var migrations))
        {
            files["migrations/job.yaml"] = Yaml(MigrationsJob.ServiceAccount(), MigrationsJob.NetworkPolicy(), Secrets.ForService(ServiceProfile.Migrations),
                MigrationsJob.Of(migrations, [.. EnvironmentMapping.Map(migrations, manifest), .. MigrationsJob.IamMembers(services.Select(s => projects[s.Name]))]));
            files["migrations/kustomization.yaml"] = Kustomization(resources: ["job.yaml"]);
        }

        foreach (var overlay in Overlays)
        {
            files[$"overlays/{overlay.Name}/namespace.yaml"] = Yaml(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = Labels.Shared(overlay.Namespace) });
            files[$"overlays/{overlay.Name}/settings.yaml"] = Yaml(Settings(overlay, manifest));
            files[$"overlays/{overlay.Name}/routes.yaml"] = Yaml(Edge.Route("gateway", $"api.{overlay.PublicHost}"), Edge.Route("web", overlay.PublicHost));
            var patches = overlay.Small ? [.. services.Select(s => Scale(s.Name, min: 1, max: 2)), .. services.Select(s => Requests(s.Name))] : new List<string>();
            files[$"overlays/{overlay.Name}/kustomization.yaml"] = Kustomization(
                ["../../base", "namespace.yaml", "settings.yaml", "routes.yaml"], overlay.Namespace, patches);
        }
        return files;
    }

    /// <summary>The settings the services read from the ConfigMap: the public addresses and the plain parameters, for this overlay's host.</summary>
    private static V1ConfigMap Settings(Overlay overlay, AspireManifest manifest)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["gateway-public-url"] = $"https://api.{overlay.PublicHost}",
            ["identity-public-url"] = $"https://api.{overlay.PublicHost}/api/identity/",
            ["web-public-url"] = $"https://{overlay.PublicHost}",
            // The release replaces PROJECT_ID and REGION with its repository's variables.
            [CloudSqlProxy.InstanceSetting] = "PROJECT_ID:REGION:platform",
        };
        foreach (var parameter in manifest.Parameters.Values.Where(p => !p.Secret))
        {
            data[parameter.Name] = parameter.Name == "gateway-public-hosts" ? $"api.{overlay.PublicHost}" : parameter.Default ?? "";
        }
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Labels.Shared(EnvironmentMapping.SettingsConfigMap),
            Data = new Dictionary<string, string>(data),
        };
    }

    private static string Scale(string service, int min, int max) =>
        $"""
          - target:
              kind: HorizontalPodAutoscaler
              name: {service}
            patch: |-
              - op: replace
                path: /spec/minReplicas
                value: {min}
              - op: replace
                path: /spec/maxReplicas
                value: {max}
        """;

    /// <summary>A development cluster's share: a tenth of a core asked for per service (the memory stays: .NET needs it).</summary>
    private static string Requests(string service) =>
        $"""
          - target:
              kind: Deployment
              name: {service}
            patch: |-
              - op: replace
                path: /spec/template/spec/containers/0/resources/requests/cpu
                value: 100m
        """;

    private static string Kustomization(IEnumerable<string> resources, string? @namespace = null, IReadOnlyList<string>? patches = null)
    {
        var text = new StringBuilder("# Generated by deploy/Platform.Deploy from the AppHost's manifest (scripts/publish-manifest.sh): do not edit.\n")
            .Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
        if (@namespace is not null)
        {
            text.Append("namespace: ").Append(@namespace).Append('\n');
        }
        text.Append("resources:\n");
        foreach (var resource in resources)
        {
            text.Append("  - ").Append(resource).Append('\n');
        }
        if (patches is { Count: > 0 })
        {
            text.Append("patches:\n");
            foreach (var patch in patches)
            {
                text.Append(patch).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Yaml(params object[] objects) =>
        "# Generated by deploy/Platform.Deploy from the AppHost's manifest (scripts/publish-manifest.sh): do not edit.\n"
        + string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd() + "\n"));
}
