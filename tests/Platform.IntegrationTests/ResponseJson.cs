using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.IntegrationTests;

public static class ResponseJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static string[] Keys(this JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()!)];
}
