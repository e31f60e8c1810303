using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai;

/// <summary>
/// How a failed MCP request reaches the operator's log. The SDK logs every failure twice, as an error and a warning,
/// each with its stack trace, a client's mistake (an unknown tool or prompt, a tool that read-only mode hides)
/// included, which floods the log. Its category is therefore silenced (<see cref="SdkCategory"/>) and this filter logs
/// instead: a refusal as one line saying what was refused, anything else as an error with its stack.
/// </summary>
internal static partial class McpFailureLog
{
    /// <summary>The logger category of the SDK's server and session, whose failure records this filter replaces.</summary>
    public const string SdkCategory = "ModelContextProtocol.Server.McpServer";

    public static McpMessageHandler Filter(McpMessageHandler next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                await next(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var logger = context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Ai.Mcp");
                var method = (context.JsonRpcMessage as JsonRpcRequest)?.Method ?? context.JsonRpcMessage.GetType().Name;
                // McpException and its kinds are what the server answers a client on purpose: the client's mistake or a refusal.
                if (e is McpException)
                {
                    LogRefused(logger, method, e.Message);
                }
                else
                {
                    LogFailed(logger, method, e);
                }
                throw;
            }
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP {Method} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MCP {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
