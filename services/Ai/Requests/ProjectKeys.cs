using System.Text.RegularExpressions;

namespace Platform.Ai.Requests;

/// <summary>Project keys (PLAT) and task keys (PLAT-12) as callers type them.</summary>
public static partial class ProjectKeys
{
    /// <summary>The key upper-cased and safe to put in a URL path, or null when it is not a project or task key.</summary>
    public static string? Normalize(string value)
    {
        var key = value.Trim().ToUpperInvariant();
        return KeyPattern().IsMatch(key) ? Uri.EscapeDataString(key) : null;
    }

    /// <summary>Why <paramref name="value"/> was refused, in the words every caller of a key argument reads.</summary>
    public static string Problem(string value) => $"'{value}' is not a project or task key (like PLAT or PLAT-12).";

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,9}(-[0-9]{1,9})?$")]
    private static partial Regex KeyPattern();
}
