namespace Platform.Web.Client.Editing;

/// <summary>A colour per person that stays the same across documents and sessions, so a caret is recognised at a glance.</summary>
public static class CollaboratorColors
{
    // Each at least 4.8:1 against the white of the name labels (WCAG AA for small text); the editor appends an alpha to
    // draw selections.
    private static readonly string[] Palette =
        ["#c92a2a", "#237032", "#1864ab", "#862e9c", "#c2255c", "#087f5b", "#5f3dc4", "#b35900", "#0b7285", "#a61e4d", "#364fc7", "#a13d00"];

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
