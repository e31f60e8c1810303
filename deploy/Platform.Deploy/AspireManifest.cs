using System.Text.Json;

namespace Platform.Deploy;

/// <summary>A project of the AppHost as its manifest publishes it: its name, its environment, whether it is reached from outside.</summary>
public sealed record ManifestProject(string Name, IReadOnlyList<KeyValuePair<string, string>> Environment, bool External);

/// <summary>A parameter of the AppHost: secret ones come from the secret store, the others from the settings ConfigMap.</summary>
public sealed record ManifestParameter(string Name, bool Secret, string? Default);

/// <summary>The AppHost's model as <c>aspire-manifest/aspire-manifest.json</c> holds it (<c>scripts/publish-manifest.sh</c>).</summary>
public sealed record AspireManifest(IReadOnlyList<ManifestProject> Projects, IReadOnlyDictionary<string, ManifestParameter> Parameters)
{
    public static AspireManifest Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var projects = new List<ManifestProject>();
        var parameters = new Dictionary<string, ManifestParameter>();
        foreach (var resource in document.RootElement.GetProperty("resources").EnumerateObject())
        {
            var type = resource.Value.GetProperty("type").GetString();
            if (type == "project.v0")
            {
                var environment = resource.Value.TryGetProperty("env", out var env)
                    ? env.EnumerateObject().Select(e => KeyValuePair.Create(e.Name, e.Value.GetString() ?? "")).ToList()
                    : [];
                var external = resource.Value.TryGetProperty("bindings", out var bindings)
                    && bindings.EnumerateObject().Any(b => b.Value.TryGetProperty("external", out var flag) && flag.GetBoolean());
                projects.Add(new ManifestProject(resource.Name, environment, external));
            }
            else if (type == "parameter.v0")
            {
                var input = resource.Value.GetProperty("inputs").GetProperty("value");
                var secret = input.TryGetProperty("secret", out var flag) && flag.GetBoolean();
                var fallback = input.TryGetProperty("default", out var value) && value.TryGetProperty("value", out var literal) ? literal.GetString() : null;
                parameters[resource.Name] = new ManifestParameter(resource.Name, secret, fallback);
            }
        }
        return new AspireManifest(projects, parameters);
    }
}
