namespace Platform.Deploy;

/// <summary>The Dapr sidecar of a service that publishes or receives events: asked for on the pod template, where the injector looks.</summary>
public static class Dapr
{
    /// <summary>The Dapr Configuration (tracing, mTLS) every sidecar uses.</summary>
    public const string Configuration = "platform";

    public static Dictionary<string, string> Annotations(string service) => new()
    {
        ["dapr.io/enabled"] = "true",
        ["dapr.io/app-id"] = service,
        ["dapr.io/app-port"] = ServiceProfile.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["dapr.io/config"] = Configuration,
        ["dapr.io/enable-metrics"] = "true",
        ["dapr.io/metrics-port"] = "9090",
    };
}
