using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai.Tools;

/// <summary>
/// Progress of a tool call, for a client that gave the call a progress token. Each step is awaited onto the call's
/// stream: the SDK's injected <c>IProgress</c> sends without waiting, so under load a step could trail the answer and
/// reach a client that has stopped listening for it.
/// </summary>
internal static class ToolProgress
{
    public static Task ReportAsync(RequestContext<CallToolRequestParams> request, ProgressNotificationValue step, CancellationToken cancellationToken) =>
        request.Params?.ProgressToken is { } token
            ? request.Server.NotifyProgressAsync(token, step, cancellationToken: cancellationToken)
            : Task.CompletedTask;
}
