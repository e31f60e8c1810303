using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai.Resources;

/// <summary>
/// Resource subscriptions, the stateless way: a client on protocol revision 2026-07-28 or later holds a
/// <c>subscriptions/listen</c> request open, and hears <c>notifications/resources/updated</c> on its response stream
/// whenever a task or document it named changes, whichever replica it reached. The server keeps no sessions (any
/// replica answers any request), so clients on earlier revisions, whose subscriptions need a session stream, are not
/// offered subscriptions.
/// </summary>
internal static class ResourceSubscriptions
{
    /// <summary>
    /// Offers subscriptions only to the clients that can listen for them: those on 2026-07-28 or later. (Registering
    /// the refusal below for earlier revisions would otherwise offer them to everyone.) The options are this request's own.
    /// </summary>
    public static void Advertise(HttpRequest request, McpServerOptions options)
    {
        var version = request.Headers["MCP-Protocol-Version"].ToString();
        options.Capabilities ??= new ServerCapabilities();
        options.Capabilities.Resources ??= new ResourcesCapability();
        options.Capabilities.Resources.Subscribe = string.CompareOrdinal(version, "2026-07-28") >= 0;
    }

    /// <summary>
    /// <c>resources/subscribe</c> and <c>resources/unsubscribe</c> of earlier revisions: refused with the reason, rather
    /// than accepted and never honoured.
    /// </summary>
    public static ValueTask<EmptyResult> RefuseSessionSubscription<T>(RequestContext<T> request, CancellationToken cancellationToken) =>
        throw new McpProtocolException(
            "Resource subscriptions need protocol revision 2026-07-28 or later (subscriptions/listen): this server keeps no sessions, " +
            "so it has no stream to notify a client of an earlier revision on.", McpErrorCode.MethodNotFound);

    /// <summary>
    /// Acknowledges the addresses the caller may read (their own organization's, within their token's scopes; others
    /// are left out, as the protocol asks, without saying why), then streams their changes until the client stops.
    /// </summary>
    public static async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        var requested = request.Params?.Notifications?.ResourceSubscriptions ?? [];
        var granted = requested.Where(uri => MayListen(request.User, uri)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // A burst of changes to one resource needs one notification, not all of them: the client re-reads it anyway.
        var changes = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        using var listening = await request.Services!.GetRequiredService<ResourceChanges>().ListenAsync(granted, changes.Writer);

        // The stream lives as long as the client holds it, so it ends when the token it was opened with does.
        using var credentialsEnded = new CancellationTokenSource();
        var http = request.Services!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
        using var credentials = request.Services!.GetRequiredService<LiveCredentials>().Watch(http, credentialsEnded.Cancel);
        using var listeningLife = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, credentialsEnded.Token);

        var acknowledged = new SubscriptionsAcknowledgedNotificationParams { Notifications = new() { ResourceSubscriptions = granted } };
        await NotifyAsync(request, NotificationMethods.SubscriptionsAcknowledgedNotification, acknowledged, cancellationToken);
        try
        {
            await foreach (var uri in changes.Reader.ReadAllAsync(listeningLife.Token))
            {
                await NotifyAsync(request, NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, listeningLife.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client closed the stream: the subscription ends.
        }
        catch (OperationCanceledException) when (credentialsEnded.IsCancellationRequested)
        {
            throw new McpProtocolException(CredentialsEnded, McpErrorCode.InvalidRequest);
        }
        return new EmptyResult();
    }

    public const string CredentialsEnded = "The token this stream was opened with was revoked or has expired; sign in again and listen anew.";

    private static bool MayListen(ClaimsPrincipal? user, string uri) =>
        user is not null && PlatformResources.Parse(uri) is { } address
        && string.Equals(address.Organization, PlatformResources.Organization(user), StringComparison.OrdinalIgnoreCase)
        && user.HasScope(address.IsTask ? PlatformScopes.ProjectsRead : PlatformScopes.DocsRead);

    /// <summary>A notification on the listen request's own stream, tagged with its id so the client can tell subscriptions apart.</summary>
    private static Task NotifyAsync<T>(RequestContext<SubscriptionsListenRequestParams> request, string method, T parameters, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToNode(parameters, McpJsonUtilities.DefaultOptions)!.AsObject();
        body["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = JsonSerializer.SerializeToNode(request.JsonRpcRequest.Id, McpJsonUtilities.DefaultOptions) };
        return request.Server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = body }, cancellationToken);
    }
}
