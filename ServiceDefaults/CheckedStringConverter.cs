using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads every JSON string through <see cref="TextInput"/>: a NUL or a lone surrogate (which the reader itself answers
/// with an exception that is not a <see cref="JsonException"/>) becomes a JSON error at that path, so the request is a
/// 400 naming the field, before any endpoint code runs.
/// </summary>
public sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(TextInput.Sentence(TextInput.LoneSurrogate));
        }

        return TextInput.Problem(text) is { } problem ? throw new JsonException(TextInput.Sentence(problem)) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
