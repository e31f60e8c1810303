using System.Text.Json;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// Reading a sender's payload leniently where the platform only shows what it finds: a missing or null text is "",
/// a missing flag is false. A payload lacking what the event needs at all (a pull request's number) is refused by the
/// receiver as malformed.
/// </summary>
internal static class JsonPayload
{
    public static string Text(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return "";
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number => element.GetRawText(),
            _ => "",
        };
    }

    public static bool Flag(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
