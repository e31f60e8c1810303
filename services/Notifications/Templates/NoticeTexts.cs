using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Notifications.Templates;

/// <summary>A notification's words in one language: a one-line title and a plain-text body, with {placeholders}.</summary>
public sealed record NoticeTemplate(string Title, string Body);

/// <summary>
/// The words of every notification in every language the platform speaks, and of the mail around them. A notice names
/// its template and gives its values (a task's title, a person's name, a date); each person reads it in their language.
/// Values are put in once, as text: a task titled "{actor}" stays "{actor}", and markup in it is escaped by each channel.
/// </summary>
public static partial class NoticeTexts
{
    public const string DefaultLanguage = "en";

    private static readonly Dictionary<string, Language> Languages = new()
    {
        ["en"] = English.Texts,
        ["fr"] = French.Texts,
        ["de"] = German.Texts,
        ["es"] = Spanish.Texts,
    };

    /// <summary>Each language's code and its own name for itself.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = Languages.ToDictionary(l => l.Key, l => l.Value.Name);

    public static bool Speaks(string language) => Languages.ContainsKey(language);

    public static Language In(string? language) => Languages.GetValueOrDefault(language ?? DefaultLanguage) ?? Languages[DefaultLanguage];

    /// <summary>The title and body of <paramref name="template"/> in <paramref name="language"/>, its placeholders filled.</summary>
    public static (string Title, string Body) Render(string template, string? language, IReadOnlyDictionary<string, object> values)
    {
        var texts = In(language);
        var chosen = texts.Notices.GetValueOrDefault(template) ?? throw new ArgumentException($"No notification template '{template}'.", nameof(template));
        return (Fill(chosen.Title, values, texts.Culture), Fill(chosen.Body, values, texts.Culture));
    }

    /// <summary>Every {name} in <paramref name="text"/> replaced by its value, in one pass; dates in the language's long form.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, object> values, CultureInfo culture) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value switch
            {
                DateOnly date => date.ToString("D", culture),
                IFormattable formattable => formattable.ToString(null, culture),
                _ => value.ToString() ?? "",
            }
            : throw new ArgumentException($"No value for {match.Value}.", nameof(values)));

    /// <summary>The names of the placeholders in <paramref name="text"/>.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>One language: its notifications, and the words of the mail around them.</summary>
public sealed record Language(string Name, CultureInfo Culture, IReadOnlyDictionary<string, NoticeTemplate> Notices, MailWords Mail);

/// <summary>The mail around notifications: the button, the digest, the footer (with {placeholders} like the notices).</summary>
public sealed record MailWords(string Open, string OpenText, string DigestHeading, string DigestSubject, string Footer, string SettingsLink, string SentBy);
