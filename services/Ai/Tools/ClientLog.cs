using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai.Tools;

// Revision 2026-07-28 deprecates logging (SEP-2577) and the SDK marks its types obsolete; it is still part of that
// revision and of the ones before, and the only way a client sees what the server did for a call.
#pragma warning disable MCP9005

/// <summary>
/// Log messages for the client (<c>notifications/message</c>) on the request's own stream, when the request asked for
/// them: revision 2026-07-28 names the level in each request's metadata. (Earlier revisions set it per session with
/// <c>logging/setLevel</c>, and this server keeps no sessions.)
/// </summary>
internal static class ClientLog
{
    public const string Logger = "platform.tools";

    public static async Task SendAsync<T>(RequestContext<T> request, bool warning, string message, CancellationToken cancellationToken)
    {
        var level = warning ? LoggingLevel.Warning : LoggingLevel.Info;
        if (request.JsonRpcRequest.Context?.LogLevel is not { } wanted || level < wanted)
        {
            return;
        }
        var notification = new LoggingMessageNotificationParams { Level = level, Logger = Logger, Data = JsonSerializer.SerializeToElement(message) };
        await request.Server.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, notification, McpJsonUtilities.DefaultOptions, cancellationToken);
    }
}
