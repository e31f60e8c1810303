namespace Platform.Web.Components.Search;

/// <summary>
/// A search hit's passage, whose matched words the search marks as <c>**word**</c>: cut into plain and bold runs, which
/// the page writes as encoded text (a passage is someone's text, never markup).
/// </summary>
public static class Snippet
{
    public static IEnumerable<(string Text, bool Bold)> Runs(string snippet)
    {
        var parts = snippet.Split("**");
        // An odd number of markers leaves the last run unclosed: it is shown plain rather than bold to the end.
        var closed = parts.Length % 2 == 1 ? parts.Length : parts.Length - 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == closed)
            {
                yield return ("**" + parts[i], false);
            }
            else if (parts[i].Length > 0)
            {
                yield return (parts[i], i % 2 == 1);
            }
        }
    }
}
