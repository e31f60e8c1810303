using System.Text.RegularExpressions;
using k8s.Models;

namespace Platform.Deploy;

/// <summary>
/// A service's environment in the manifest, as a container's in the cluster. Addresses of other services become
/// their in-cluster names (TLS ends at the edge, so their https addresses are left out); the addresses people reach
/// and plain parameters come from the settings ConfigMap, which each overlay fills; anything holding a connection
/// string, a password or a secret parameter comes from the service's Secret, which the secret store fills. No secret
/// value is ever written into the manifests.
/// </summary>
public static partial class EnvironmentMapping
{
    public const string SettingsConfigMap = "platform-settings";

    public static string SecretOf(string service) => $"{service}-secrets";

    /// <summary>Settings whose value is an address outside the cluster, by environment variable: the key each takes from the settings.</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicAddresses = new Dictionary<string, string>
    {
        ["Identity__Issuer"] = "identity-public-url",
        ["Identity__WebClient__BaseAddress"] = "web-public-url",
        ["Web__PublicGatewayAddress"] = "gateway-public-url",
        ["Webhooks__WebAddress"] = "web-public-url",
        ["Notifications__WebAddress"] = "web-public-url",
        ["Notifications__ApiAddress"] = "gateway-public-url",
    };

    public static List<V1EnvVar> Map(ManifestProject project, AspireManifest manifest)
    {
        var projects = manifest.Projects.Select(p => p.Name).ToHashSet();
        var variables = new List<V1EnvVar>();
        foreach (var (name, value) in project.Environment)
        {
            var references = Reference().Matches(value).Select(m => m.Groups["path"].Value.Split('.')).ToList();
            if (PublicAddresses.TryGetValue(name, out var setting))
            {
                variables.Add(FromSettings(name, setting));
            }
            else if (references.Count == 0)
            {
                variables.Add(new V1EnvVar { Name = name, Value = value });
            }
            else if (references.All(r => projects.Contains(r[0]) && r is [_, "bindings", _, _]))
            {
                if (references.Any(r => r[2] == "https"))
                {
                    continue;
                }
                variables.Add(new V1EnvVar { Name = name, Value = Reference().Replace(value, m => InCluster(m.Groups["path"].Value.Split('.'))) });
            }
            else if (references is [[var parameter, "value"]] && manifest.Parameters.TryGetValue(parameter, out var plain) && !plain.Secret
                && value == $"{{{parameter}.value}}")
            {
                variables.Add(FromSettings(name, parameter));
            }
            else
            {
                variables.Add(new V1EnvVar
                {
                    Name = name,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretOf(project.Name), Key = name } },
                });
            }
        }
        return variables;
    }

    private const string ConnectionStringPrefix = "ConnectionStrings__";

    /// <summary>Whether the AppHost gives the process the graph's Redis.</summary>
    public static bool UsesRedis(ManifestProject project) => project.Environment.Any(e => e.Key == ConnectionStringPrefix + "cache");

    /// <summary>The databases a process uses: the AppHost gives it a connection string to each.</summary>
    public static List<string> DatabasesOf(ManifestProject project) =>
    [
        .. project.Environment.Select(e => e.Key)
            .Where(key => key.StartsWith(ConnectionStringPrefix, StringComparison.Ordinal) && key.EndsWith("db", StringComparison.Ordinal))
            .Select(key => key[ConnectionStringPrefix.Length..]),
    ];

    /// <summary>The services a service's environment names, by reference or by in-cluster address (the gateway's routes): the ones it calls.</summary>
    public static List<string> Calls(ManifestProject project, AspireManifest manifest)
    {
        var projects = manifest.Projects.Select(p => p.Name).ToHashSet();
        // A public address names another service only to tell its users where it is: no call goes there inside the cluster.
        return [.. project.Environment.Where(e => !PublicAddresses.ContainsKey(e.Key))
            .SelectMany(e => Reference().Matches(e.Value).Select(m => m.Groups["path"].Value.Split('.')[0])
                .Concat(Address().Matches(e.Value).Select(m => m.Groups["host"].Value)))
            .Where(name => projects.Contains(name) && name != project.Name)
            .Distinct().Order(StringComparer.Ordinal)];
    }

    private static V1EnvVar FromSettings(string name, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = SettingsConfigMap, Key = key } },
    };

    /// <summary>An endpoint of another service as the cluster names it: its Service on port 80, its container on 8080.</summary>
    private static string InCluster(string[] path) => path[3] switch
    {
        "url" => $"http://{path[0]}",
        "host" => path[0],
        "port" => "80",
        "targetPort" => ServiceProfile.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "scheme" => "http",
        _ => throw new InvalidOperationException($"The manifest refers to {string.Join('.', path)}, which the generator does not know."),
    };

    [GeneratedRegex(@"^http://(?<host>[a-z0-9\-]+)(/|$)")]
    private static partial Regex Address();

    [GeneratedRegex(@"\{(?<path>[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)\}")]
    private static partial Regex Reference();
}
