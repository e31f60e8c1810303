using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.JSInterop;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;

namespace Platform.Web.Client.Editing;

/// <summary>
/// One person's live editing of one document, in the browser: the OT client beside the CodeMirror editor (JavaScript
/// calls <see cref="Local"/> synchronously for every edit, so typing never waits for the network), the hub connection
/// through the web app (the browser holds no token: the web app adds the signed-in person's), remote operations and
/// cursors into the editor, and reconnecting without losing or repeating an edit.
/// </summary>
public sealed class EditorSession : IAsyncDisposable
{
    /// <summary>How many committed operations are kept to move a cursor reported at an older version to this one.</summary>
    private const int RecentOpsKept = 500;

    /// <summary>How long a gap in versions may stay open (a lost message) before the session asks the hub for what is missing.</summary>
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(1);

    private readonly Guid _documentId;

    /// <summary>The start of the client ids of assistants acting for this person: their edits are this person's to undo.</summary>
    private readonly string _assistantPrefix;
    private readonly HubConnection _hub;
    private readonly IJSInProcessRuntime _js;
    private readonly DotNetObjectReference<EditorSession> _self;
    private readonly SortedDictionary<int, CommittedOp> _recent = [];
    private readonly List<CommittedOp> _beforeJoin = [];
    private readonly Dictionary<string, PresenceView> _present = [];
    private IJSInProcessObjectReference? _module;
    private IJSInProcessObjectReference? _editor;
    private OtClient? _client;
    private SubmissionPacing? _pacing;

    /// <summary>
    /// Joined on the connection as it is now: false from a drop until catching up has joined again (a connection that has
    /// not joined answers not_joined). Not the connection id: without negotiation there is none.
    /// </summary>
    private bool _joined;
    private Selection? _selection;
    private bool _selectionUnsent;
    private bool _catchUpScheduled;

    public EditorSession(Guid documentId, string userId, Uri hubAddress, IJSRuntime js)
    {
        _documentId = documentId;
        _assistantPrefix = DocumentHubContract.AssistantClientPrefix(userId);
        _js = (IJSInProcessRuntime)js;
        _self = DotNetObjectReference.Create(this);
        _hub = DocumentHubConnection.Create(hubAddress, () => Task.FromResult<string?>(null),
            builder => builder.WithAutomaticReconnect(new RetryForever()));
        _hub.OnCommitted((id, ops) =>
        {
            Receive(id, ops);
            return Task.CompletedTask;
        });
        _hub.OnPresenceChanged((id, presence) =>
        {
            if (id == _documentId)
            {
                Show(presence);
                Changed?.Invoke();
            }
        });
        _hub.OnPresenceLeft((id, connectionId) =>
        {
            if (id == _documentId && _present.Remove(connectionId))
            {
                _editor?.InvokeVoid("removeCursor", connectionId);
                Changed?.Invoke();
            }
        });
        _hub.OnDeleted(id =>
        {
            if (id == _documentId)
            {
                Fail(EditorStatus.Deleted, "This document was deleted.");
            }
        });
        _hub.Reconnecting += _ =>
        {
            _joined = false;
            SetStatus(EditorStatus.Offline);
            return Task.CompletedTask;
        };
        _hub.Reconnected += CatchUpAsync;
    }

    /// <summary>The status or who is here changed.</summary>
    public event Action? Changed;

    /// <summary>The text changed (the editor already shows it; the preview follows).</summary>
    public event Action? TextChanged;

    public EditorStatus Status { get; private set; } = EditorStatus.Connecting;

    public string? Problem { get; private set; }

    /// <summary>The others in the document, as the hub last reported them.</summary>
    public IReadOnlyCollection<PresenceView> Others => _present.Values;

    public string Text => _client?.Document.ToString() ?? "";

    /// <summary>The text's length in code points, without building the text.</summary>
    public int Length => _client?.Document.Length ?? 0;

    /// <summary>Connects, joins the document and opens the editor in <paramref name="host"/>.</summary>
    public async Task StartAsync(ElementReference host, CancellationToken cancellationToken)
    {
        _module = await _js.InvokeAsync<IJSInProcessObjectReference>("import", cancellationToken, "./js/editor.js");
        await ConnectAsync(cancellationToken);
        JoinResult joined;
        try
        {
            joined = await _hub.JoinAsync(_documentId, cancellationToken: cancellationToken);
            _joined = true;
        }
        catch (HubException e)
        {
            Fail(EditorStatus.Failed, e.Refusal());
            return;
        }
        _client = new OtClient(Guid.NewGuid().ToString("N"), joined.Version, joined.Text ?? "", undoSteps: 0);
        _pacing = new SubmissionPacing(joined.OpsPerSecond, TimeProvider.System);
        // Images pasted or dropped into the text are attached to the document through the web app (its session's cookie).
        _editor = _module.Invoke<IJSInProcessObjectReference>("createEditor", host, joined.Text ?? "", _self, $"/files/documents/{_documentId}");
        Receive(_documentId, [.. _beforeJoin]);
        _beforeJoin.Clear();
        foreach (var presence in joined.Presence)
        {
            Show(presence);
        }
        SetStatus(EditorStatus.Live);
    }

    /// <summary>A local edit (an ot-text-unicode operation in code points), from the editor, synchronously.</summary>
    [JSInvokable]
    public void Local(string operationJson)
    {
        if (_client is null || Status is EditorStatus.Deleted or EditorStatus.Failed)
        {
            return;
        }
        if (_client.ApplyLocal(TextOperationJsonConverter.Parse(operationJson)) is { } submission)
        {
            Send(submission);
        }
        TextChanged?.Invoke();
    }

    /// <summary>This person's selection (code points in their text), shared once their edits are committed so it points at the right place.</summary>
    [JSInvokable]
    public void Selection(int anchor, int head)
    {
        _selection = new Selection(anchor, head);
        _selectionUnsent = true;
        ShareSelection();
    }

    /// <summary>
    /// The browser went offline or back online. Offline, the connection is stopped at once (typing goes on into the OT
    /// client); online, it connects again, catches up and resends what was in flight.
    /// </summary>
    [JSInvokable]
    public async Task NetworkChanged(bool online)
    {
        if (Status is EditorStatus.Deleted or EditorStatus.Failed || _client is null)
        {
            return;
        }
        if (!online)
        {
            SetStatus(EditorStatus.Offline);
            _joined = false;
            await _hub.StopAsync();
            // Who else is here is unknown until the connection is back (catching up lists them again).
            foreach (var connectionId in _present.Keys)
            {
                _editor?.InvokeVoid("removeCursor", connectionId);
            }
            _present.Clear();
            Changed?.Invoke();
            return;
        }
        await ConnectAsync(CancellationToken.None);
        await CatchUpAsync(connectionId: null);
    }

    /// <summary>Starts the connection, trying again as the automatic reconnect does until it is up.</summary>
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; _hub.State == HubConnectionState.Disconnected; attempt++)
        {
            try
            {
                await _hub.StartAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(RetryForever.Delay(attempt), cancellationToken);
            }
        }
    }

    /// <summary>An image pasted or dropped into the text could not be attached: why, for the person.</summary>
    [JSInvokable]
    public void AttachFailed(string message)
    {
        Problem = message;
        Changed?.Invoke();
    }

    /// <summary>Whether closing the page now would lose an edit the server has not confirmed.</summary>
    [JSInvokable]
    public bool HasUnsentEdits() => _client is { IsSynchronized: false };

    private void Receive(Guid documentId, CommittedOp[] ops)
    {
        if (documentId != _documentId || ops.Length == 0)
        {
            return;
        }
        if (_client is null)
        {
            // Committed after the hub read the state it answers the join with, but delivered before that answer.
            _beforeJoin.AddRange(ops);
            return;
        }
        foreach (var op in ops)
        {
            _recent[op.Version] = op;
        }
        while (_recent.Count > RecentOpsKept)
        {
            _recent.Remove(_recent.Keys.First());
        }
        var before = _client.Version;
        var received = _client.Receive(ops);
        foreach (var edit in received.Applied)
        {
            _editor!.InvokeVoid("applyRemote", edit.Applied.ToJson(), edit.Committed.ClientId.StartsWith(_assistantPrefix, StringComparison.Ordinal));
        }
        if (received.Next is { } next)
        {
            Send(next);
        }
        // Cursors reported at a version this client had not reached can be drawn now; the others the editor moved itself.
        foreach (var presence in _present.Values.Where(p => p.Selection is not null && p.Version > before).ToList())
        {
            Show(presence);
        }
        ShareSelection();
        if (_client.WaitingVersions.Count > 0 && !_catchUpScheduled)
        {
            _catchUpScheduled = true;
            _ = CatchUpIfStillWaitingAsync();
        }
        if (received.Applied.Count > 0)
        {
            TextChanged?.Invoke();
        }
    }

    private async Task CatchUpIfStillWaitingAsync()
    {
        await Task.Delay(GapPatience);
        _catchUpScheduled = false;
        if (_client is { WaitingVersions.Count: > 0 })
        {
            await CatchUpAsync(connectionId: null);
        }
    }

    /// <summary>After a reconnect or a lost message: joins again with the version held, applies what was missed and resends the edit in flight.</summary>
    private async Task CatchUpAsync(string? connectionId)
    {
        if (_client is null)
        {
            return;
        }
        try
        {
            var joined = await _hub.JoinAsync(_documentId, _client.Version);
            _joined = true;
            if (joined.Ops is null)
            {
                Fail(EditorStatus.Failed, "You were away too long to catch up: reload the page to go on (copy what you typed while offline first).");
                return;
            }
            var pending = _client.InFlight;
            Receive(_documentId, [.. joined.Ops]);
            // Receive sent the buffered edit if the one in flight turned out committed; otherwise the one in flight goes again.
            if (_client.InFlight is { } again && again.ClientSeq == pending?.ClientSeq)
            {
                Send(again);
            }
            foreach (var gone in _present.Keys.Except(joined.Presence.Select(p => p.ConnectionId)).ToList())
            {
                _present.Remove(gone);
                _editor?.InvokeVoid("removeCursor", gone);
            }
            foreach (var presence in joined.Presence)
            {
                Show(presence);
            }
            _selectionUnsent = _selection is not null;
            ShareSelection();
            SetStatus(EditorStatus.Live);
        }
        catch (HubException e)
        {
            Fail(EditorStatus.Failed, e.Refusal());
        }
        catch (Exception) when (_hub.State != HubConnectionState.Connected)
        {
            // Dropped again: the next reconnect catches up.
        }
    }

    private void Send(Submission submission)
    {
        var wait = _pacing?.Reserve() ?? TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            _ = SendLaterAsync(submission.ClientSeq, wait);
        }
        else if (Joined)
        {
            _ = SubmitAsync(submission);
        }
    }

    /// <summary>Connected, and joined on this connection: a reconnected one sends nothing until it has caught up (which resends the op in flight).</summary>
    private bool Joined => _joined && _hub.State == HubConnectionState.Connected;

    /// <summary>Sends the op in flight after its turn (the server's rate), as it stands then: remote ops may have rebased it meanwhile.</summary>
    private async Task SendLaterAsync(long clientSeq, TimeSpan wait)
    {
        await Task.Delay(wait);
        if (_client?.InFlight is { } inFlight && inFlight.ClientSeq == clientSeq && Joined)
        {
            _ = SubmitAsync(inFlight);
        }
    }

    private async Task SubmitAsync(Submission submission)
    {
        // Out of the keystroke's task: the editor has drawn the key already, and the hub message's serialization and
        // send (a few milliseconds of WebAssembly, more in a collection) would otherwise hold the browser's next frame.
        // One submission is in flight at a time, so nothing overtakes it.
        await Task.Yield();
        try
        {
            await _hub.SubmitAsync(_documentId, submission.BaseVersion, submission.Op, _client!.ClientId, submission.ClientSeq);
        }
        catch (HubException e)
        {
            // The server refused the edit (the document is gone, too large, or the connection may no longer edit):
            // nothing more can be committed on top of it.
            Fail(EditorStatus.Failed, e.Refusal());
        }
        catch (Exception) when (_hub.State != HubConnectionState.Connected)
        {
            // Lost with the connection: it goes again after the reconnect.
        }
    }

    private void ShareSelection()
    {
        if (_selectionUnsent && _selection is { } selection && _client is { IsSynchronized: true } && _hub.State == HubConnectionState.Connected)
        {
            _selectionUnsent = false;
            _ = ShareSelectionAsync(selection, _client.Version);
        }
    }

    private async Task ShareSelectionAsync(Selection selection, int version)
    {
        try
        {
            await _hub.UpdatePresenceAsync(_documentId, version, selection);
        }
        catch (Exception)
        {
            // A cursor is not worth an error: the next move shares it again.
            _selectionUnsent = true;
        }
    }

    /// <summary>Records someone's presence and draws their cursor where it is in this text now (not at all when that cannot be known yet).</summary>
    private void Show(PresenceView presence)
    {
        _present[presence.ConnectionId] = presence;
        if (_client is null || _editor is null)
        {
            return;
        }
        if (presence.Selection is not { } selection || presence.Version > _client.Version)
        {
            // Reported at a version this client has not reached: drawn once it has (Receive shows it again).
            _editor.InvokeVoid("removeCursor", presence.ConnectionId);
            return;
        }
        for (var version = presence.Version + 1; version <= _client.Version; version++)
        {
            if (!_recent.TryGetValue(version, out var op))
            {
                _editor.InvokeVoid("removeCursor", presence.ConnectionId);
                return;
            }
            selection = TextOperation.TransformSelection(selection, op.Op);
        }
        selection = _client.ToLocal(selection);
        _editor.InvokeVoid("setCursor", presence.ConnectionId, presence.Name, CollaboratorColors.For(presence.UserId), selection.Anchor, selection.Head);
    }

    private void SetStatus(EditorStatus status)
    {
        if (Status is EditorStatus.Deleted or EditorStatus.Failed)
        {
            return;
        }
        Status = status;
        Changed?.Invoke();
    }

    private void Fail(EditorStatus status, string problem)
    {
        Status = status;
        Problem = problem;
        _editor?.InvokeVoid("setEditable", false);
        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        _editor?.InvokeVoid("destroy");
        _editor?.Dispose();
        _module?.Dispose();
        _self.Dispose();
        await _hub.DisposeAsync();
    }

    /// <summary>Reconnects for as long as the page is open, every few seconds at most.</summary>
    private sealed class RetryForever : IRetryPolicy
    {
        public static TimeSpan Delay(long attempt) => TimeSpan.FromMilliseconds(Math.Min(5000, 250 << (int)Math.Min(attempt, 5)));

        public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);
    }
}
