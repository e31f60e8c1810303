using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Client;

/// <summary>A SignalR connection to the live-editing hub, and its calls and messages typed by <see cref="DocumentHubContract"/>.</summary>
public static class DocumentHubConnection
{
    /// <summary>
    /// A connection (not started) to the hub at <paramref name="hubAddress"/> with <paramref name="token"/>. WebSockets without
    /// the negotiate round trip: the connection is one request, so it cannot be split between replicas behind one
    /// address (negotiate on one, WebSocket on the other answers 404).
    /// </summary>
    public static HubConnection Create(Uri hubAddress, Func<Task<string?>> token, Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(hubAddress, options =>
        {
            options.AccessTokenProvider = token;
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        configure?.Invoke(builder);
        return builder.Build();
    }

    public static Task<JoinResult> JoinAsync(this HubConnection hub, Guid documentId, int? knownVersion = null, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<JoinResult>(DocumentHubContract.Join, documentId, knownVersion, cancellationToken);

    /// <summary>Submits an operation made on <paramref name="baseVersion"/>; returns the version it was committed as.</summary>
    public static Task<int> SubmitAsync(
        this HubConnection hub, Guid documentId, int baseVersion, TextOperation op, string clientId, long clientSeq, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, baseVersion, op, clientId, clientSeq, cancellationToken);

    public static Task UpdatePresenceAsync(this HubConnection hub, Guid documentId, int version, Selection selection, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync(DocumentHubContract.UpdatePresence, documentId, version, selection, cancellationToken);

    /// <summary>The hub's refusal as it sent it, <c>code: message</c>, without the wrapping SignalR adds on the client.</summary>
    public static string Refusal(this HubException refused) => refused.Message.Split("HubException: ").Last();

    public static IDisposable OnCommitted(this HubConnection hub, Func<Guid, CommittedOp[], Task> handler) =>
        hub.On(nameof(IDocumentClient.Committed), handler);

    public static IDisposable OnPresenceChanged(this HubConnection hub, Action<Guid, PresenceView> handler) =>
        hub.On(nameof(IDocumentClient.PresenceChanged), handler);

    public static IDisposable OnPresenceLeft(this HubConnection hub, Action<Guid, string> handler) =>
        hub.On(nameof(IDocumentClient.PresenceLeft), handler);

    public static IDisposable OnDeleted(this HubConnection hub, Action<Guid> handler) =>
        hub.On(nameof(IDocumentClient.Deleted), handler);
}
