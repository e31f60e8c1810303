using k8s.Models;

namespace Platform.Deploy;

/// <summary>The standard <c>app.kubernetes.io</c> labels every object of a service carries; the selector uses the stable two.</summary>
public static class Labels
{
    public const string PartOf = "platform";

    public static Dictionary<string, string> Selector(string service) => new()
    {
        ["app.kubernetes.io/name"] = service,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static Dictionary<string, string> Of(string service, string component) => new(Selector(service))
    {
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/managed-by"] = "platform-deploy",
    };

    /// <summary>The metadata of an object the whole platform shares (not one service's).</summary>
    public static V1ObjectMeta Shared(string name) => new() { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = PartOf } };
}
