using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Projects.Http;

/// <summary>Request bodies read by hand (merge patches), with the same answers the framework gives for bound bodies.</summary>
public static class JsonBody
{
    /// <summary>The body as a JSON object, or the problem to answer: 400 for anything else, 413 when too large.</summary>
    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) is not JsonObject body)
            {
                return (null, Invalid("The body must be a JSON object of the fields to change."));
            }

            return TextInput.Find(body) is { } bad
                ? (null, TypedResults.Problem(title: "Invalid body", detail: bad.Problem, statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [bad.Field] = [bad.Problem] } }))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid($"The body is not valid JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, TypedResults.Problem(title: "Unreadable body", detail: e.Message, statusCode: e.StatusCode));
        }
    }

    /// <summary>
    /// What a JSON merge patch (RFC 7396) of top-level fields makes of <paramref name="current"/> (an API view):
    /// a value replaces, null clears, fields outside <paramref name="settable"/> are refused by name, and a value
    /// of the wrong type is a field error.
    /// </summary>
    public static bool TryPatch<T>(
        object current, JsonObject patch, IReadOnlyCollection<string> settable, [NotNullWhen(true)] out T? value, out Dictionary<string, string[]> errors)
    {
        var fields = JsonSerializer.SerializeToNode(current, ApiJson.Options)!.AsObject();
        foreach (var name in fields.Select(f => f.Key).Except(settable).ToList())
        {
            fields.Remove(name);
        }

        errors = MergeInto(fields, patch, settable);
        value = default;
        if (errors.Count == 0)
        {
            (value, errors) = Deserialize<T>(fields);
        }

        return value is not null && errors.Count == 0;
    }

    private static Dictionary<string, string[]> MergeInto(JsonObject target, JsonObject patch, IReadOnlyCollection<string> settable)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in patch)
        {
            if (!settable.Contains(name))
            {
                errors[name] = [$"Not a field that can be changed; these can: {string.Join(", ", settable)}."];
                continue;
            }

            target[name] = value?.DeepClone();
        }

        return errors;
    }

    private static (T? Value, Dictionary<string, string[]> Errors) Deserialize<T>(JsonObject source)
    {
        try
        {
            return (source.Deserialize<T>(ApiJson.Options), []);
        }
        catch (JsonException e)
        {
            var field = e.Path is { } path && Microsoft.Extensions.Hosting.Extensions.FieldName(path) is { Length: > 0 } name ? name : "body";
            return (default, new Dictionary<string, string[]> { [field] = [e.Message] });
        }
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "Invalid body", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
