using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Web.Client.Markdown;

/// <summary>
/// Markdown from task descriptions and comments as HTML a page can show: raw HTML in the text is escaped, not
/// rendered, and a link or image may only lead to http, https, mailto or a path of this site, so no text anyone
/// writes (a person, a rule, an AI assistant) runs script in another person's browser.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"), so the check does too.
        var trimmed = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        // A scheme is letters up to the first colon before any slash, question mark or hash; without one, a path of this site.
        var colon = trimmed.IndexOf(':');
        var firstDelimiter = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        }
        return SafeSchemes.Contains(trimmed[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
