namespace Platform.Ai.Data;

/// <summary>
/// The audit row of one MCP tool call: who called which tool, with which argument names (never their values), with
/// which scopes its narrowed token held, how it ended, how long it took and how large its result was.
/// </summary>
public sealed class ToolCall
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The user or machine client that called.</summary>
    public string ActorId { get; set; } = "";

    public string Tool { get; set; } = "";

    /// <summary>The argument names, comma-separated.</summary>
    public string Arguments { get; set; } = "";

    /// <summary>The scopes of the token the tool ran with, space-separated; empty when it was refused before it ran.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>ok, refused, invalid, asked, timed-out, too-large or failed.</summary>
    public string Outcome { get; set; } = "";

    public double DurationMs { get; set; }

    public int ResultBytes { get; set; }

    public DateTimeOffset CalledAt { get; set; }
}
