using k8s;
using k8s.Models;

namespace Platform.Deploy.Crds;

/// <summary>
/// An object of a custom resource the manifests use (Dapr, External Secrets, Gateway API, GKE's policies), typed with
/// exactly the fields written, so the strict parse of the rendered manifests refuses anything else.
/// </summary>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>
{
    protected CustomResource(string apiVersion, string kind) => (ApiVersion, Kind) = (apiVersion, kind);

    public string ApiVersion { get; set; }

    public string Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec? Spec { get; set; }
}

/// <summary>The custom kinds, as <c>KubernetesYaml.LoadAllFromString</c>'s type map names them (apiVersion/kind).</summary>
public static class CustomResources
{
    public static readonly IReadOnlyDictionary<string, Type> TypeMap = new Dictionary<string, Type>
    {
        ["dapr.io/v1alpha1/Component"] = typeof(DaprComponent),
        ["dapr.io/v1alpha1/Configuration"] = typeof(DaprConfiguration),
        ["dapr.io/v1alpha1/Resiliency"] = typeof(DaprResiliency),
        ["external-secrets.io/v1/SecretStore"] = typeof(SecretStore),
        ["external-secrets.io/v1/ExternalSecret"] = typeof(ExternalSecret),
        ["gateway.networking.k8s.io/v1/Gateway"] = typeof(Gateway),
        ["gateway.networking.k8s.io/v1/HTTPRoute"] = typeof(HttpRoute),
        ["networking.gke.io/v1/GCPBackendPolicy"] = typeof(GcpBackendPolicy),
        ["networking.gke.io/v1/HealthCheckPolicy"] = typeof(HealthCheckPolicy),
        ["monitoring.googleapis.com/v1/PodMonitoring"] = typeof(PodMonitoring),
    };
}
