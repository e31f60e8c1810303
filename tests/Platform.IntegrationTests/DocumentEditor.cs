using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;

namespace Platform.IntegrationTests;

/// <summary>
/// A collaborator as a real client runs one: a SignalR connection through the gateway and the OT client state
/// machine. Edits apply locally at once and go to the server one at a time; remote operations are transformed in.
/// </summary>
public sealed class DocumentEditor : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly HubConnection _hub;
    private readonly Guid _documentId;
    private readonly Timer _gapCheck;
    private OtClient _ot = null!;
    private SubmissionPacing _pacing = null!;
    /// <summary>Joined on the connection as it is now (not its id: without negotiation there is none).</summary>
    private volatile bool _joined;
    private int _versionAtLastCheck = -1;

    private DocumentEditor(HubConnection hub, Guid documentId)
    {
        _hub = hub;
        _documentId = documentId;
        _hub.OnCommitted(async (documentId, ops) =>
        {
            if (documentId == _documentId)
            {
                await ReceiveAsync(ops);
            }
        });
        _hub.OnPresenceChanged((_, presence) => Presence.Add(presence));
        _gapCheck = new Timer(_ => _ = RepairGapAsync(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public string ClientId { get; } = Guid.NewGuid().ToString("N");

    public List<PresenceView> Presence { get; } = [];

    /// <summary>Failures of sends nobody waited for (those that acks released).</summary>
    public List<Exception> Errors { get; } = [];

    /// <summary>Every submission the server acknowledged: client sequence number → committed version.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<long, int> Acknowledged { get; } = new();

    /// <summary>How often this editor had to repair a gap in the operations it received.</summary>
    public int Gaps { get; private set; }

    public HubConnection Connection => _hub;

    /// <summary>A connection to the live-editing hub through the gateway, as users connect.</summary>
    public static HubConnection Connect(Uri gateway, string token) =>
        DocumentHubConnection.Create(new Uri(gateway, "/api/collaboration" + DocumentHubContract.Path), () => Task.FromResult<string?>(token));

    public static async Task<DocumentEditor> OpenAsync(Uri gateway, string token, Guid documentId)
    {
        var editor = new DocumentEditor(Connect(gateway, token), documentId);
        await editor._hub.StartAsync(TestContext.Current.CancellationToken);
        var joined = await editor.JoinAsync(null);
        editor._ot = new OtClient(editor.ClientId, joined.Version, joined.Text!);
        editor._pacing = new SubmissionPacing(joined.OpsPerSecond, TimeProvider.System);
        return editor;
    }

    public async Task<string> TextAsync() => await LockedAsync(() => _ot.Document.ToString());

    public async Task<int> VersionAsync() => await LockedAsync(() => _ot.Version);

    public async Task<bool> IsSynchronizedAsync() => await LockedAsync(() => _ot.IsSynchronized);

    /// <summary>Where this editor stands, for a test's failure message.</summary>
    public async Task<string> DescribeAsync() => await LockedAsync(() =>
        $"client {ClientId}, version {_ot.Version}, in flight base {_ot.InFlight?.BaseVersion} {_ot.InFlight?.ClientSeq.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, waiting {string.Join(",", _ot.WaitingVersions)}, gaps repaired {Gaps}, connection {_hub.State}, errors: {string.Join("; ", Errors.Select(e => e.Message))}");

    /// <summary>A local edit: applied here at once, sent when nothing else is in flight.</summary>
    public async Task EditAsync(Func<int, TextOperation> edit)
    {
        var submission = await LockedAsync(() => _ot.ApplyLocal(edit(_ot.Document.Length)));
        await SendAsync(submission);
    }

    public async Task UndoAsync() => await SendAsync(await LockedAsync(() => _ot.Undo()));

    /// <summary>
    /// Drops the connection and comes back: catches up from the version it had, then resends what was in flight.
    /// Retries while no instance answers (one was just killed).
    /// </summary>
    public async Task ReconnectAsync()
    {
        _joined = false;
        await _hub.StopAsync(TestContext.Current.CancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _hub.StartAsync(TestContext.Current.CancellationToken);
                await CatchUpAsync(await JoinAsync(await VersionAsync()), resubmit: true);
                return;
            }
            catch (Exception) when (attempt < 20)
            {
                await _hub.StopAsync(TestContext.Current.CancellationToken);
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
    }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    private async Task CatchUpAsync(JoinResult joined, bool resubmit = false)
    {
        var ops = joined.Ops
            ?? throw new InvalidOperationException($"At version {await VersionAsync()}, too far behind the trimmed log (the document is at {joined.Version}) to catch up; the editor would have to start over from the text.");
        var next = await LockedAsync(() =>
        {
            var next = _ot.Receive(ops).Next;
            return resubmit && _ot.InFlight is not null ? _ot.InFlight : next;
        });
        await SendAsync(next);
    }

    public async ValueTask DisposeAsync()
    {
        await _gapCheck.DisposeAsync();
        await _hub.DisposeAsync();
    }

    /// <summary>
    /// Messages can be lost on the way (a backplane hiccup, a broadcast cut short): when later versions wait behind a
    /// gap that has not filled for a check interval, the editor catches up from the server's log.
    /// </summary>
    private async Task RepairGapAsync()
    {
        var (version, gap) = await LockedAsync(() => (_ot?.Version ?? -1, _ot?.WaitingVersions.Count > 0));
        var stuck = gap && version == _versionAtLastCheck;
        _versionAtLastCheck = version;
        if (!stuck || _hub.State != HubConnectionState.Connected)
        {
            return;
        }
        try
        {
            Gaps++;
            await CatchUpAsync(await JoinAsync(version));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // The connection closed under the repair (a reconnect stops it, which cancels its invocations): the
            // reconnect catches up instead.
        }
        catch (Exception e)
        {
            Errors.Add(e);
        }
    }

    private async Task<JoinResult> JoinAsync(int? knownVersion)
    {
        var joined = await _hub.JoinAsync(_documentId, knownVersion, TestContext.Current.CancellationToken);
        _joined = true;
        return joined;
    }

    private async Task SendAsync(Submission? submission)
    {
        while (submission is not null)
        {
            if (await LockedAsync(() => _pacing.Reserve()) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
                // Remote ops may have rebased it meanwhile: the op in flight goes as it stands now.
                var sequence = submission.ClientSeq;
                if ((submission = await LockedAsync(() => _ot.InFlight?.ClientSeq == sequence ? _ot.InFlight : null)) is null)
                {
                    return;
                }
            }
            if (!_joined)
            {
                // Only the connection that joined may submit; after a reconnect, catching up resends the op in flight.
                return;
            }
            int version;
            try
            {
                version = await _hub.SubmitAsync(_documentId, submission.BaseVersion, submission.Op, ClientId, submission.ClientSeq);
            }
            catch (Exception e) when (e is not HubException)
            {
                // The connection failed under it (the state may not say so yet): it stays in flight; ReconnectAsync resends it.
                return;
            }
            Acknowledged[submission.ClientSeq] = version;
            var ack = new CommittedOp(version, ClientId, submission.ClientSeq, TextOperation.Empty);
            submission = await LockedAsync(() => _ot.Receive(ack).Next);
        }
    }

    /// <summary>
    /// Runs on SignalR's receive loop, which also completes invocations: waiting here for an ack would wait forever,
    /// so what the ack of a buffered edit releases is sent without waiting.
    /// </summary>
    private async Task ReceiveAsync(CommittedOp[] ops)
    {
        try
        {
            if (await LockedAsync(() => _ot.Receive(ops).Next) is { } next)
            {
                _ = SendAsync(next).ContinueWith(failed => Errors.Add(failed.Exception!), TaskContinuationOptions.OnlyOnFaulted);
            }
        }
        catch (Exception e)
        {
            Errors.Add(e);
        }
    }

    private async Task<T> LockedAsync<T>(Func<T> action)
    {
        await _lock.WaitAsync();
        try
        {
            return action();
        }
        finally
        {
            _lock.Release();
        }
    }
}
