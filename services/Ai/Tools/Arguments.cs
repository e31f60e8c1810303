using ModelContextProtocol;
using Platform.Ai.Requests;

namespace Platform.Ai.Tools;

/// <summary>Checks of tool arguments that JSON schema alone does not express; a failure is a tool error naming the argument.</summary>
internal static class Arguments
{
    /// <summary>A project key (PLAT) or task key (PLAT-12), upper-cased and safe to put in a URL path.</summary>
    public static string Key(string value, string name) =>
        ProjectKeys.Normalize(value) ?? throw new McpException($"Argument '{name}': {ProjectKeys.Problem(value)}");

    public static int Limit(int value, string name, int max) =>
        value >= 1 && value <= max ? value : throw new McpException($"Argument '{name}': must be between 1 and {max}.");
}
