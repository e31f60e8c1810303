using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Collaboration.Ot;

/// <summary>
/// The ot-text-unicode JSON encoding: <c>[3, "hi", {"d": 2}]</c>. Reading validates as strictly as the reference
/// (positive integer counts, non-empty inserts, no adjacent or trailing skips) and also rejects lone surrogates.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("An operation must be a JSON array of components.");
        }
        var builder = new OperationBuilder();
        var index = 0;
        var lastWasSkip = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (lastWasSkip)
                    {
                        throw Invalid($"Component {index}: adjacent skips must be combined.");
                    }
                    builder.Skip(ReadCount(ref reader, index, "A skip"));
                    lastWasSkip = true;
                    break;
                case JsonTokenType.String:
                    var text = ReadText(ref reader, index);
                    if (text.Length == 0)
                    {
                        throw Invalid($"Component {index}: an insert must not be empty.");
                    }
                    if (!CodePoints.IsWellFormed(text))
                    {
                        throw Invalid($"Component {index}: the inserted text contains a lone UTF-16 surrogate.");
                    }
                    builder.Insert(text);
                    lastWasSkip = false;
                    break;
                case JsonTokenType.StartObject:
                    builder.Delete(ReadDelete(ref reader, index));
                    lastWasSkip = false;
                    break;
                default:
                    throw Invalid($"Component {index}: expected a skip count, an insert string or {{\"d\": count}}.");
            }
            index++;
        }
        if (lastWasSkip)
        {
            throw Invalid("The operation ends with a skip; leave trailing skips out.");
        }
        return builder.Build();
    }

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var c in value.Components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    writer.WriteNumberValue(c.Length);
                    break;
                case ComponentKind.Insert:
                    writer.WriteStringValue(c.Text);
                    break;
                default:
                    writer.WriteStartObject();
                    writer.WriteNumber("d", c.Length);
                    writer.WriteEndObject();
                    break;
            }
        }
        writer.WriteEndArray();
    }

    public static TextOperation Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TextOperation>(json) ?? throw Invalid("An operation must be a JSON array of components.");
        }
        catch (JsonException e)
        {
            throw Invalid($"The operation is not valid JSON: {e.Message}");
        }
    }

    public static TextOperation Parse(JsonElement json)
    {
        try
        {
            return json.Deserialize<TextOperation>() ?? throw Invalid("An operation must be a JSON array of components.");
        }
        catch (JsonException e)
        {
            throw Invalid($"The operation is not valid JSON: {e.Message}");
        }
    }

    private static string ReadText(ref Utf8JsonReader reader, int index)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate.
            throw Invalid($"Component {index}: the inserted text contains a lone UTF-16 surrogate.");
        }
    }

    private static int ReadDelete(ref Utf8JsonReader reader, int index)
    {
        int? count = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("d") || count is not null)
            {
                throw Invalid($"Component {index}: a delete is exactly {{\"d\": count}}.");
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw Invalid($"Component {index}: a delete's count must be a number.");
            }
            count = ReadCount(ref reader, index, "A delete");
        }
        return count ?? throw Invalid($"Component {index}: a delete is exactly {{\"d\": count}}.");
    }

    private static int ReadCount(ref Utf8JsonReader reader, int index, string what) =>
        reader.TryGetInt32(out var count) && count > 0
            ? count
            : throw Invalid($"Component {index}: {what.ToLowerInvariant()} count must be a positive integer.");

    private static InvalidTextOperationException Invalid(string message) => new(message);
}
