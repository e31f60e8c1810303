using System.Text.Json;

namespace Platform.Projects.Http;

/// <summary>The API's JSON settings, for what is serialized outside the request pipeline: history, merge patches, rules, idempotent replays.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Microsoft.Extensions.Hosting.Extensions.ConfigureJson(options);
        return options;
    }
}
