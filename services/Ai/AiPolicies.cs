namespace Platform.Ai;

public static class AiPolicies
{
    /// <summary>A signed-in user of an organization; what each tool may do is the REST API's business.</summary>
    public const string Mcp = "mcp";
}
