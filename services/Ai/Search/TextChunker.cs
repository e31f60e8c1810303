namespace Platform.Ai.Search;

/// <summary>
/// Splits text into passages of at most <see cref="MaxChars"/> characters that overlap by about <see cref="Overlap"/>,
/// cut at a paragraph, else a sentence, else a space, so a passage reads as a unit and a phrase on a boundary is whole
/// in one of the two.
/// </summary>
public static class TextChunker
{
    public const int MaxChars = 1200;
    public const int Overlap = 150;

    public static List<string> Split(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + MaxChars, text.Length);
            if (end < text.Length)
            {
                end = CutPoint(text, start, end);
            }
            var chunk = text[start..end].Trim();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }
            if (end >= text.Length)
            {
                break;
            }
            var next = end - Overlap;
            // Start the overlap at a word.
            var space = next > start ? text.IndexOf(' ', next, end - next) : -1;
            start = space > start ? space + 1 : end;
        }
        return chunks;
    }

    /// <summary>The best place to end a passage that may run to <paramref name="limit"/>: not before its second half.</summary>
    private static int CutPoint(string text, int start, int limit)
    {
        var window = text.AsSpan(start, limit - start);
        var half = window.Length / 2;
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", ". ", ".\n", "\n", " "])
        {
            var at = window.LastIndexOf(separator);
            if (at >= half)
            {
                return start + at + separator.Length;
            }
        }
        // One long word: avoid cutting a surrogate pair.
        return char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }
}
