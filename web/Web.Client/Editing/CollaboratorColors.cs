namespace Platform.Web.Client.Editing;

/// <summary>A colour per person that stays the same across documents and sessions, so a caret is recognised at a glance.</summary>
public static class CollaboratorColors
{
    // Dark enough for white name labels; the editor appends an alpha to draw selections.
    private static readonly string[] Palette =
        ["#d9480f", "#2b8a3e", "#1864ab", "#862e9c", "#c2255c", "#087f5b", "#5f3dc4", "#e67700", "#0b7285", "#a61e4d", "#364fc7", "#5c940d"];

    public static string For(string userId)
    {
        // FNV-1a: string.GetHashCode differs between processes, and the colour must not.
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return Palette[hash % (uint)Palette.Length];
    }
}
