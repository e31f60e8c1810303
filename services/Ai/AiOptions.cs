namespace Platform.Ai;

public sealed class AiOptions
{
    public const string Section = "Ai";

    /// <summary>
    /// Browser origins allowed to call the MCP endpoint (e.g. a web-based MCP client). Requests with any other
    /// <c>Origin</c> header are refused (DNS-rebinding protection); requests without one (desktop and CLI clients) pass.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>MCP requests (tool calls, lists, reads) one user may make per minute, all replicas together.</summary>
    public int RequestsPerUserPerMinute { get; set; } = 300;

    /// <summary>Questions (<c>POST /ask</c>) one user may ask per minute, all replicas together; the other REST routes have only the gateway's limits.</summary>
    public int QuestionsPerUserPerMinute { get; set; } = 30;

    /// <summary>Encrypts what organizations give the service (their model keys; <see cref="Models.SecretBox"/>).</summary>
    public string SecretsKey { get; set; } = "";

    /// <summary>
    /// Organizations' own model endpoints may be on private or loopback addresses: for tests and closed networks only
    /// (otherwise an organization could make the service call its neighbours, see <see cref="SafeAddresses"/>).
    /// </summary>
    public bool AllowPrivateModelEndpoints { get; set; }

    /// <summary>How long one tool call may run before it is stopped (<see cref="Tools.ToolSandbox"/>).</summary>
    public TimeSpan ToolTimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How large one tool call's result may be, serialized.</summary>
    public int ToolResultLimitBytes { get; set; } = 2 * 1024 * 1024;
}
