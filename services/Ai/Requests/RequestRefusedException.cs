namespace Platform.Ai.Requests;

/// <summary>
/// Why an operation refuses a request, said once in words meant for the caller. Each front door translates it: an MCP
/// tool call becomes a tool error carrying <see cref="Exception.Message"/> (<c>ToolAudit</c>), a REST call problem
/// details (<c>ApiRefusals</c>). The operations therefore know neither MCP nor HTTP.
/// </summary>
public abstract class RequestRefusedException(string message, Exception? cause = null) : Exception(message, cause);

/// <summary>One argument is wrong (missing, out of range, not a value this API knows): a 400 naming it.</summary>
public sealed class InvalidArgumentException(string argument, string problem) : RequestRefusedException($"Argument '{argument}': {problem}")
{
    /// <summary>The operation's name for the argument (a REST endpoint may call it otherwise, such as <c>q</c> for <c>query</c>).</summary>
    public string Argument { get; } = argument;

    /// <summary>What is wrong with it, without its name.</summary>
    public string Problem { get; } = problem;
}

/// <summary>The caller has no such thing (unknown, or another organization's: the same to them).</summary>
public sealed class NotFoundException(string message) : RequestRefusedException(message);

/// <summary>What was asked conflicts with the state of things (an experiment running already, or ended): a 409.</summary>
public sealed class ConflictException(string message) : RequestRefusedException(message);

/// <summary>The token's scopes do not cover what was asked.</summary>
public sealed class ScopeMissingException(string message) : RequestRefusedException(message);

/// <summary>The configured model failed to answer (down, refusing the key, timing out): the caller may try again later.</summary>
public sealed class ModelFailedException(Exception cause)
    : RequestRefusedException("The chat model did not answer; try again in a moment (search works without it).", cause);

/// <summary>What was asked needs a model the platform has not been given (<see cref="Platform.Ai.Models.ChatModel"/>).</summary>
/// <param name="remedy">How to configure one, for any caller.</param>
/// <param name="alternatives">What an assistant can do without one (its tool error says so; a REST client has its own UI).</param>
public sealed class ModelNotConfiguredException(string remedy, string alternatives) : RequestRefusedException($"{remedy} {alternatives}")
{
    public string Remedy { get; } = remedy;
}
