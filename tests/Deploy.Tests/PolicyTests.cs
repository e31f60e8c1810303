using k8s;
using k8s.Models;
using Platform.Deploy.Crds;

namespace Platform.Deploy.Tests;

/// <summary>
/// What a platform team asks of every workload, checked on the production overlay as kustomize renders it: probes,
/// resources, a locked-down security context, a disruption budget, an autoscaler, network policies, the Dapr sidecar
/// where events flow, and no secret in the manifests.
/// </summary>
public sealed class PolicyTests
{
    private static async Task<List<object>> ProdAsync() => await Rendered.ObjectsAsync("overlays/prod");

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    [Fact]
    public async Task Every_deployment_is_probed_sized_locked_down_and_spread()
    {
        var deployments = (await ProdAsync()).OfType<V1Deployment>().ToList();
        Assert.Equal(ServiceProfile.All.Count, deployments.Count);
        foreach (var deployment in deployments)
        {
            var name = deployment.Metadata.Name;
            Assert.Equal("platform", deployment.Metadata.NamespaceProperty);
            Assert.Equal(name, deployment.Metadata.Labels["app.kubernetes.io/name"]);
            Assert.Null(deployment.Spec.Replicas);
            Assert.Equal(("0", "1"), (deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value, deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value));
            var pod = deployment.Spec.Template.Spec;
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.Equal((true, "RuntimeDefault"), (pod.SecurityContext.RunAsNonRoot, pod.SecurityContext.SeccompProfile.Type));
            Assert.Contains(pod.TopologySpreadConstraints, c => c.TopologyKey == "topology.kubernetes.io/zone");
            var container = Assert.Single(pod.Containers);
            Assert.Equal(("/alive", "/alive", "/health"), (container.StartupProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Path));
            Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"), name);
            Assert.True(container.Resources.Limits.ContainsKey("memory"), name);
            Assert.Equal((false, true, true), (container.SecurityContext.AllowPrivilegeEscalation, container.SecurityContext.ReadOnlyRootFilesystem, container.SecurityContext.RunAsNonRoot));
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
        }
    }

    [Fact]
    public async Task Services_with_long_lived_connections_drain_before_they_stop()
    {
        var collaboration = (await ProdAsync()).OfType<V1Deployment>().Single(d => d.Metadata.Name == "collaboration").Spec.Template.Spec;
        Assert.NotNull(collaboration.Containers[0].Lifecycle.PreStop.Sleep);
        Assert.True(collaboration.TerminationGracePeriodSeconds > collaboration.Containers[0].Lifecycle.PreStop.Sleep.Seconds);
    }

    [Fact]
    public async Task The_event_services_get_a_Dapr_sidecar_on_their_pod_template_and_no_other_does()
    {
        foreach (var deployment in (await ProdAsync()).OfType<V1Deployment>())
        {
            var profile = ServiceProfile.All.Single(s => s.Name == deployment.Metadata.Name);
            var annotations = deployment.Spec.Template.Metadata.Annotations ?? new Dictionary<string, string>();
            Assert.Equal(profile.Dapr, annotations.TryGetValue("dapr.io/enabled", out var enabled) && enabled == "true");
            if (profile.Dapr)
            {
                Assert.Equal((profile.Name, "8080", Dapr.Configuration), (annotations["dapr.io/app-id"], annotations["dapr.io/app-port"], annotations["dapr.io/config"]));
                // Memorystore's TLS is signed by its own authority: the sidecar mounts it and trusts it through SSL_CERT_DIR.
                var (volume, folder) = annotations["dapr.io/volume-mounts"].Split(':') is [var name, var path] ? (name, path) : throw new FormatException();
                var secret = Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.Name == volume).Secret;
                Assert.Equal(Workloads.RedisCaSecret, secret?.SecretName);
                Assert.Equal($"SSL_CERT_DIR={folder}", annotations["dapr.io/env"]);
            }
            Assert.Null(deployment.Metadata.Annotations);
        }
    }

    [Fact]
    public async Task Every_deployment_has_its_budget_autoscaler_network_policy_and_service()
    {
        var objects = await ProdAsync();
        var deployments = objects.OfType<V1Deployment>().ToList();
        foreach (var deployment in deployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.Single(objects.OfType<V1PodDisruptionBudget>(), b => Selects(b.Spec.Selector.MatchLabels, labels));
            Assert.Single(objects.OfType<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels is { } selector && Selects(selector, labels));
            Assert.Single(objects.OfType<V1Service>(), s => Selects(s.Spec.Selector, labels));
            var autoscaler = Assert.Single(objects.OfType<V2HorizontalPodAutoscaler>(), h => h.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);
            Assert.Equal(("Deployment", 300), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.Behavior.ScaleDown.StabilizationWindowSeconds));
            Assert.Contains(autoscaler.Spec.Metrics, m => m.Resource?.Name == "cpu" && m.Resource.Target.AverageUtilization == 70);
            Assert.Contains(autoscaler.Spec.Metrics, m => m.Resource?.Name == "memory" && m.Resource.Target.AverageUtilization == 80);
        }
        // Nothing targets or selects what does not exist.
        Assert.All(objects.OfType<V2HorizontalPodAutoscaler>(), h => Assert.Contains(deployments, d => d.Metadata.Name == h.Spec.ScaleTargetRef.Name));
        Assert.All(objects.OfType<V1Service>(), s => Assert.Contains(deployments, d => Selects(s.Spec.Selector, d.Spec.Template.Metadata.Labels)));
        Assert.Contains(objects.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Metadata.Name == "collaboration").Spec.Metrics,
            m => m.Pods?.Metric.Name == "prometheus.googleapis.com|websocket_connections|gauge" && m.Pods.Target.AverageValue.ToString() == "100");
    }

    [Fact]
    public async Task Every_service_is_scraped_on_its_metrics_port_and_nothing_else_answers_there()
    {
        var objects = await ProdAsync();
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var container = deployment.Spec.Template.Spec.Containers[0];
            var monitoring = Assert.Single(objects.OfType<PodMonitoring>(), m => Selects(m.Spec!.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
            var endpoint = Assert.Single(monitoring.Spec!.Endpoints);
            Assert.Equal(("metrics", "/metrics"), (endpoint.Port, endpoint.Path));
            Assert.Equal(ServiceProfile.MetricsPort, container.Ports.Single(p => p.Name == "metrics").ContainerPort);
            var environment = container.Env.ToDictionary(e => e.Name, e => e.Value);
            Assert.Equal(("8080;9464", "9464"), (environment["HTTP_PORTS"], environment["Metrics__PrometheusPort"]));
            // Traces and logs go to the cluster's collector under the service's name.
            Assert.Equal((deployment.Metadata.Name, $"http://{Dapr.CollectorAddress}"), (environment["OTEL_SERVICE_NAME"], environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
            // The Service publishes the service's port only.
            Assert.Equal(["http"], objects.OfType<V1Service>().Single(s => s.Metadata.Name == deployment.Metadata.Name).Spec.Ports.Select(p => p.Name));
        }
    }

    [Fact]
    public async Task The_processes_with_a_database_reach_it_through_Cloud_SQLs_connector_as_a_native_sidecar()
    {
        var objects = (await ProdAsync()).Concat(await Rendered.ObjectsAsync("migrations")).ToList();
        var pods = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, Pod: d.Spec.Template.Spec))
            .Concat(objects.OfType<V1Job>().Select(j => (Name: ServiceProfile.Migrations, Pod: j.Spec.Template.Spec)));
        foreach (var (name, pod) in pods)
        {
            var proxy = pod.InitContainers?.SingleOrDefault(c => c.Name == "cloud-sql-proxy");
            Assert.True((proxy is not null) == name is not ("gateway" or "web"), name);
            if (proxy is not null)
            {
                Assert.Equal("Always", proxy.RestartPolicy);
                Assert.Contains("--auto-iam-authn", proxy.Args);
                Assert.Contains("--private-ip", proxy.Args);
                Assert.Equal((true, true), (proxy.SecurityContext.ReadOnlyRootFilesystem, proxy.SecurityContext.RunAsNonRoot));
            }
        }
        var settings = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "platform-settings");
        Assert.EndsWith(":platform", settings.Data["cloud-sql-instance"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Redis_clients_trust_Memorystores_certificate_authority()
    {
        var redisClients = (await ProdAsync()).OfType<V1Deployment>().Where(d => d.Spec.Template.Spec.Containers[0].Env.Any(e => e.Name == "ConnectionStrings__cache")).ToList();
        Assert.Equal(10, redisClients.Count);
        foreach (var deployment in redisClients)
        {
            var pod = deployment.Spec.Template.Spec;
            var container = pod.Containers[0];
            var path = container.Env.Single(e => e.Name == "Redis__CaCertificatePath").Value;
            var mount = container.VolumeMounts.Single(m => path.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
            Assert.True(mount.ReadOnlyProperty);
            Assert.Equal(Workloads.RedisCaSecret, pod.Volumes.Single(v => v.Name == mount.Name).Secret.SecretName);
        }
    }

    [Fact]
    public async Task Nothing_moves_but_what_a_policy_allows()
    {
        var policies = (await ProdAsync()).OfType<V1NetworkPolicy>().ToList();
        var denyAll = Assert.Single(policies, p => p.Metadata.Name == "default-deny");
        Assert.Empty(denyAll.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Ingress", "Egress"], denyAll.Spec.PolicyTypes);
        // The projects service is reached by the services that call it and the gateway, not by the web app.
        var projects = policies.Single(p => p.Metadata.Name == "projects");
        var callers = projects.Spec.Ingress.SelectMany(rule => rule.FromProperty).Select(peer => peer.PodSelector?.MatchLabels?["app.kubernetes.io/name"]).OfType<string>().ToList();
        Assert.Equal(["ai", "collaboration", "files", "gateway"], callers.Order(StringComparer.Ordinal));
        // The files service reaches clamd in the private network, and no other service does.
        Assert.Contains(policies.Single(p => p.Metadata.Name == "files").Spec.Egress, rule => rule.Ports?.Any(port => port.Port?.Value == "3310") == true);
        Assert.DoesNotContain(policies.Where(p => p.Metadata.Name != "files").SelectMany(p => p.Spec.Egress ?? []), rule => rule.Ports?.Any(port => port.Port?.Value == "3310") == true);
    }

    [Fact]
    public async Task No_credential_is_written_into_the_manifests()
    {
        var objects = (await ProdAsync()).Concat(await Rendered.ObjectsAsync("migrations")).ToList();
        Assert.Empty(objects.OfType<V1Secret>());
        var containers = objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers)
            .Concat(objects.OfType<V1Job>().SelectMany(j => j.Spec.Template.Spec.Containers));
        foreach (var variable in containers.SelectMany(c => c.Env))
        {
            Assert.DoesNotContain("password", variable.Value ?? "", StringComparison.OrdinalIgnoreCase);
            // Nor a reference of the AppHost's manifest left unresolved.
            Assert.DoesNotMatch(@"\{[A-Za-z0-9\-]+\.(bindings|value|connectionString|inputs)", variable.Value ?? "");
        }
    }

    [Fact]
    public async Task Every_secret_a_workload_reads_is_made_by_the_secret_store()
    {
        foreach (var folder in new[] { "overlays/prod", "migrations" })
        {
            var objects = await Rendered.ObjectsAsync(folder);
            var made = objects.OfType<ExternalSecret>().Select(e => e.Spec!.Target.Name).ToHashSet();
            var pods = objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec).Concat(objects.OfType<V1Job>().Select(j => j.Spec.Template.Spec));
            var read = pods.SelectMany(p => p.Containers).SelectMany(c => c.Env).Select(e => e.ValueFrom?.SecretKeyRef?.Name).OfType<string>()
                .Concat(pods.SelectMany(p => p.Volumes ?? []).Select(v => v.Secret?.SecretName).OfType<string>())
                .Concat(objects.OfType<DaprComponent>().SelectMany(c => c.Spec!.Metadata).Select(m => m.SecretKeyRef?.Name).OfType<string>())
                .ToHashSet();
            Assert.NotEmpty(read);
            Assert.Subset(made, read);
        }
    }

    [Fact]
    public async Task The_edge_routes_to_services_that_exist_and_keeps_WebSockets_open()
    {
        var objects = await ProdAsync();
        var services = objects.OfType<V1Service>().Select(s => s.Metadata.Name).ToHashSet();
        var routes = objects.OfType<HttpRoute>().ToList();
        Assert.Equal(["gateway", "web"], routes.SelectMany(r => r.Spec!.Rules).SelectMany(r => r.BackendRefs).Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.All(routes, r => Assert.Equal(Edge.GatewayName, Assert.Single(r.Spec!.ParentRefs).Name));
        Assert.Single(objects.OfType<Gateway>(), g => g.Metadata.Name == Edge.GatewayName);
        Assert.Subset(services, routes.SelectMany(r => r.Spec!.Rules).SelectMany(r => r.BackendRefs).Select(b => b.Name).ToHashSet());
        foreach (var policy in objects.OfType<GcpBackendPolicy>())
        {
            Assert.Contains(policy.Spec!.TargetRef.Name, services);
            Assert.True(policy.Spec.Default.TimeoutSec >= 3600, "a backend timeout shorter than an hour cuts WebSockets");
            Assert.Equal("GENERATED_COOKIE", policy.Spec.Default.SessionAffinity!.Type);
        }
        Assert.All(objects.OfType<HealthCheckPolicy>(), h => Assert.Equal(("/health", true), (h.Spec!.Default.Config.HttpHealthCheck.RequestPath, services.Contains(h.Spec.TargetRef.Name))));
    }

    [Fact]
    public async Task The_sidecars_share_the_pub_sub_and_a_configuration_with_mTLS_and_tracing()
    {
        var objects = await ProdAsync();
        var pubsub = Assert.Single(objects.OfType<DaprComponent>(), c => c.Metadata.Name == "pubsub");
        Assert.Equal("pubsub.redis", pubsub.Spec!.Type);
        Assert.Contains(pubsub.Spec.Metadata, m => m.Name == "enableTLS" && m.Value == "true");
        var configuration = Assert.Single(objects.OfType<DaprConfiguration>());
        Assert.Equal(Dapr.Configuration, configuration.Metadata.Name);
        Assert.True(configuration.Spec!.Mtls!.Enabled);
        Assert.NotNull(configuration.Spec.Tracing!.Otel);
        Assert.Single(objects.OfType<DaprResiliency>());
    }

    [Fact]
    public async Task Every_rendered_object_passes_the_API_schemas_checks()
    {
        var validator = Path.Combine(Platform.Testing.TestFolders.RepositoryRoot, "tests", "Deploy.Tests", "tools", "validate.mjs");
        foreach (var folder in new[] { "overlays/prod", "overlays/dev", "migrations" })
        {
            var (exitCode, output, errors) = await Rendered.RunAsync("node", [validator], await Rendered.YamlAsync(folder));
            Assert.True(exitCode == 0, errors);
            using var result = System.Text.Json.JsonDocument.Parse(output);
            Assert.Empty(result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
            Assert.True(result.RootElement.GetProperty("checked").GetInt32() > 0, folder);
            // kubernetes-models has no models for these; the typed models of the strict parse check them.
            Assert.Subset(
                new HashSet<string?> { "dapr.io/v1alpha1/Component", "dapr.io/v1alpha1/Configuration", "dapr.io/v1alpha1/Resiliency", "monitoring.googleapis.com/v1/PodMonitoring" },
                result.RootElement.GetProperty("unchecked").EnumerateArray().Select(k => k.GetString()).ToHashSet());
        }
    }

    [Fact]
    public void The_strict_parse_refuses_a_field_the_models_do_not_know()
    {
        const string Yaml = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.redis
              version: v1
              metadata: []
              redisHost: misplaced
            """;
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(Yaml, new Dictionary<string, Type>(CustomResources.TypeMap), strict: true));
        Assert.Single(KubernetesYaml.LoadAllFromString(Yaml.Replace("  redisHost: misplaced", "", StringComparison.Ordinal), new Dictionary<string, Type>(CustomResources.TypeMap), strict: true));
    }

    [Fact]
    public async Task The_migrations_run_as_a_job_once_and_the_dev_overlay_runs_small()
    {
        var job = Assert.Single((await Rendered.ObjectsAsync("migrations")).OfType<V1Job>());
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.Contains(job.Spec.Template.Spec.Containers[0].Env, e => e.Name == "ConnectionStrings__projectsdb" && e.ValueFrom.SecretKeyRef.Name == "migrations-secrets");
        // Each service's IAM user is granted its database's roles by the migrations.
        Assert.Contains(job.Spec.Template.Spec.Containers[0].Env, e => e.Name == "Postgres__IamMembers__projectsdb" && e.Value == "platform-projects@PROJECT_ID.iam");

        var dev = await Rendered.ObjectsAsync("overlays/dev");
        Assert.All(dev.OfType<V2HorizontalPodAutoscaler>(), h => Assert.Equal((1, 2), (h.Spec.MinReplicas, h.Spec.MaxReplicas)));
        Assert.All(dev.OfType<V1Deployment>(), d => Assert.Equal(("platform-dev", "100m"),
            (d.Metadata.NamespaceProperty, d.Spec.Template.Spec.Containers[0].Resources.Requests["cpu"].ToString())));
    }
}
