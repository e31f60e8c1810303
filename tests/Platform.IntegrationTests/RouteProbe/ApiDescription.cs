using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.RouteProbe;

/// <summary>A route as a service's API description gives it, with what the probe needs to call it.</summary>
/// <param name="WaysIn">The scope sets that each let a caller in (any one of them); null for an anonymous route.</param>
/// <param name="Body">A request body the description's schema allows, or null when the route takes none.</param>
internal sealed record ProbedRoute(
    string Service, HttpMethod Method, string Path, IReadOnlyList<IReadOnlyList<string>>? WaysIn,
    IReadOnlyList<string> PathParameters, IReadOnlyList<string> StringQueryParameters, string? BodyContentType, JsonNode? Body)
{
    public bool IsAnonymous => WaysIn is null;

    /// <summary>A token is let in without any particular scope.</summary>
    public bool NeedsNoScope => WaysIn is { } ways && ways.Any(scopes => scopes.Count == 0);

    public IEnumerable<string> Scopes => WaysIn?.SelectMany(scopes => scopes).Distinct() ?? [];

    public override string ToString() => $"{Method} {Service}{Path}";
}

/// <summary>Reads a service's OpenAPI document (<c>/openapi/v1.json</c>) into the routes it describes.</summary>
internal static class ApiDescription
{
    public static IEnumerable<ProbedRoute> Routes(string service, JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in operations!.AsObject())
            {
                var operation = operationNode!.AsObject();
                var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                yield return new ProbedRoute(
                    service,
                    new HttpMethod(method.ToUpperInvariant()),
                    path,
                    // The bearer ways; the OAuth sign-in ways name the same scopes.
                    operation["security"]?.AsArray().Select(way => way!.AsObject().Single()).Where(way => way.Key == "bearer")
                        .Select(way => (IReadOnlyList<string>)[.. way.Value!.AsArray().Select(scope => scope!.GetValue<string>())]).ToList(),
                    [.. parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>())],
                    [.. parameters.Where(p => p["in"]!.GetValue<string>() == "query" && Types(p["schema"]).Contains("string")).Select(p => p["name"]!.GetValue<string>())],
                    content?.Key,
                    content?.Value?["schema"] is { } schema ? Sample(schema, schemas, depth: 0) : null);
            }
        }
    }

    /// <summary>Every string in <paramref name="body"/>, by the JSON path a service's error names it with (<c>changes.title</c>, <c>labels[0]</c>).</summary>
    public static IEnumerable<(string Path, JsonNode Body)> WithEachStringReplaced(JsonNode body, string replacement)
    {
        foreach (var path in StringPaths(body, ""))
        {
            var copy = body.DeepClone();
            var (parent, last) = Locate(copy, path);
            if (last is int index)
            {
                parent.AsArray()[index] = replacement;
            }
            else
            {
                parent.AsObject()[(string)last] = replacement;
            }
            yield return (path, copy);
        }
    }

    private static IEnumerable<string> StringPaths(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(property => StringPaths(property.Value, path.Length == 0 ? property.Key : $"{path}.{property.Key}")),
        JsonArray array => array.SelectMany((item, index) => StringPaths(item, $"{path}[{index}]")),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [path],
        _ => [],
    };

    private static (JsonNode Parent, object Last) Locate(JsonNode root, string path)
    {
        var steps = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[(\d+)\]")
            .Select(match => match.Groups[1].Success ? (object)int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : match.Value)
            .ToList();
        var node = root;
        foreach (var step in steps[..^1])
        {
            node = step is int index ? node.AsArray()[index]! : node.AsObject()[(string)step]!;
        }
        return (node, steps[^1]);
    }

    /// <summary>A value the schema allows: every property filled, one item in each array, the first of each enum.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonObject? schemas, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return depth > 5 ? null : Sample(schemas![reference.Split('/')[^1]]!, schemas, depth + 1);
        }
        if ((schema["oneOf"] ?? schema["anyOf"])?.AsArray().FirstOrDefault(alternative => !Types(alternative).SequenceEqual(["null"])) is { } chosen)
        {
            return Sample(chosen, schemas, depth);
        }
        if (schema["enum"]?.AsArray().FirstOrDefault(value => value is not null) is { } first)
        {
            return first.DeepClone();
        }

        var types = Types(schema);
        // Numbers are described as "number or string" (they may be written as strings): a number is the plain choice.
        var type = types.FirstOrDefault(t => t is "object" or "array" or "integer" or "number" or "boolean") ?? types.FirstOrDefault(t => t != "null");
        return type switch
        {
            "object" => new JsonObject(schema["properties"]?.AsObject()
                .Select(property => KeyValuePair.Create(property.Key, Sample(property.Value!, schemas, depth + 1)))
                .Where(property => property.Value is not null) ?? []),
            "array" => new JsonArray(schema["items"] is { } items ? Sample(items, schemas, depth + 1) : JsonValue.Create("probe")),
            "integer" or "number" => 1,
            "boolean" => true,
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date" => "2026-12-31",
                "date-time" => "2026-12-31T00:00:00Z",
                _ => "probe",
            },
            _ => null,
        };
    }

    private static IReadOnlyList<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };
}
