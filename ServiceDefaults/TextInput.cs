using System.Text;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The rule every text a client sends is held to, whatever the field: no NUL character (Postgres cannot store it in
/// text, and nothing a person writes contains one) and well-formed UTF-16 (no lone surrogate). Bodies are checked as
/// they are read (<see cref="CheckedStringConverter"/>), query strings and forms before any endpoint runs
/// (<see cref="TextInputMiddleware"/>); each field's length limit stays with the field's own validation.
/// </summary>
public static class TextInput
{
    private const string Nul = "contains a NUL character (U+0000), which is not allowed in text";

    /// <summary>Also what a JSON reader's refusal to decode an escaped lone surrogate means.</summary>
    public const string LoneSurrogate = "contains a lone UTF-16 surrogate (malformed text)";

    /// <summary>Why <paramref name="text"/> cannot be accepted (<c>"contains ..."</c>), or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text) => text.Contains('\0') ? Nul : IsWellFormed(text) ? null : LoneSurrogate;

    /// <summary>A <see cref="Problem"/> as the sentence a field error says.</summary>
    public static string Sentence(string problem) => $"The text {problem}.";

    /// <summary>The first string in <paramref name="node"/> (a parsed JSON body) that cannot be accepted: its field and why.</summary>
    public static (string Field, string Problem)? Find(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    if (Problem(name) is { } badName)
                    {
                        return (Extensions.FieldName(fields.GetPath()) is { Length: > 0 } parent ? parent : "body", $"A field name {badName}.");
                    }

                    if (Find(value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case System.Text.Json.Nodes.JsonArray items:
                return items.Select(Find).FirstOrDefault(found => found is not null);
            case System.Text.Json.Nodes.JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    return (Extensions.FieldName(value.GetPath()), Sentence(LoneSurrogate));
                }

                return Problem(text) is { } problem ? (Extensions.FieldName(value.GetPath()), Sentence(problem)) : null;
            default:
                return null;
        }
    }

    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
