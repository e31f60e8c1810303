using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace Platform.Ai.Tools;

/// <summary>Checks of tool arguments that JSON schema alone does not express; a failure is a tool error naming the argument.</summary>
internal static partial class Arguments
{
    /// <summary>A project key (PLAT) or task key (PLAT-12), upper-cased and safe to put in a URL path.</summary>
    public static string Key(string value, string name)
    {
        var key = value.Trim().ToUpperInvariant();
        return KeyPattern().IsMatch(key) ? Uri.EscapeDataString(key) : throw new McpException($"Argument '{name}': '{value}' is not a project or task key (like PLAT or PLAT-12).");
    }

    public static int Limit(int value, string name, int max) =>
        value >= 1 && value <= max ? value : throw new McpException($"Argument '{name}': must be between 1 and {max}.");

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,9}(-[0-9]{1,9})?$")]
    private static partial Regex KeyPattern();
}
