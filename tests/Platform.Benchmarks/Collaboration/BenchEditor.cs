using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;

namespace Platform.Benchmarks.Collaboration;

/// <summary>
/// One simulated collaborator: a SignalR connection to the document hub with the OT client state machine, typing
/// small edits. Records submit→ack per submission, and submit→seen for every operation of others it receives.
/// </summary>
internal sealed class BenchEditor(HubConnection hub, Guid documentId, LoadRecorder recorder)
{
    private readonly Lock _gate = new();
    private OtClient _ot = null!;

    public string ClientId { get; } = Guid.NewGuid().ToString("N");

    public static async Task<BenchEditor> OpenAsync(Uri hubUrl, string token, Guid documentId, LoadRecorder recorder)
    {
        var hub = DocumentHubConnection.Create(hubUrl, () => Task.FromResult<string?>(token));
        var editor = new BenchEditor(hub, documentId, recorder);
        hub.OnCommitted((_, ops) =>
        {
            editor.Receive(ops);
            return Task.CompletedTask;
        });
        await hub.StartAsync();
        var joined = await hub.JoinAsync(documentId);
        // No undo history: these editors never undo, and rebasing 200 steps over every remote op, times a thousand
        // clients in this one process, took the load generator more CPU than the service it loads.
        editor._ot = new OtClient(editor.ClientId, joined.Version, joined.Text!, undoSteps: 0);
        return editor;
    }

    /// <summary>Types one character (or deletes one now and then) at a random place.</summary>
    public void Type(Random random)
    {
        Submission? submission;
        lock (_gate)
        {
            var length = _ot.Document.Length;
            var op = length > 10 && random.Next(5) == 0 ? TextOperation.Delete(random.Next(length - 1), 1) : TextOperation.Insert(random.Next(length + 1), "x");
            submission = _ot.ApplyLocal(op);
        }
        Send(submission);
    }

    public Task StopAsync() => hub.DisposeAsync().AsTask();

    private void Send(Submission? submission)
    {
        if (submission is null)
        {
            return;
        }
        var sentAt = Stopwatch.GetTimestamp();
        recorder.Sent(ClientId, submission.ClientSeq, sentAt);
        _ = AwaitAckAsync(submission, sentAt);
    }

    private async Task AwaitAckAsync(Submission submission, long sentAt)
    {
        int version;
        try
        {
            version = await hub.SubmitAsync(documentId, submission.BaseVersion, submission.Op, ClientId, submission.ClientSeq);
        }
        catch (Exception e)
        {
            recorder.Failed(e);
            return;
        }
        recorder.Acked(Stopwatch.GetElapsedTime(sentAt));
        Submission? next;
        lock (_gate)
        {
            next = _ot.Receive(new CommittedOp(version, ClientId, submission.ClientSeq, TextOperation.Empty)).Next;
        }
        Send(next);
    }

    /// <summary>A commit's operations of this document, in version order; its own among them are acks.</summary>
    private void Receive(CommittedOp[] ops)
    {
        foreach (var op in ops.Where(op => op.ClientId != ClientId))
        {
            recorder.Seen(op.ClientId, op.ClientSeq);
        }
        Submission? next;
        lock (_gate)
        {
            next = _ot.Receive(ops).Next;
        }
        Send(next);
    }
}

/// <summary>Latencies of a load run, in milliseconds.</summary>
internal sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<(string, long), long> _sentAt = new();
    private readonly ConcurrentBag<double> _acks = [];
    private readonly ConcurrentBag<double> _seen = [];
    private int _failures;

    public bool Recording { get; set; }

    public Exception? LastFailure { get; private set; }

    public int Failures => _failures;

    public void Sent(string clientId, long seq, long at) => _sentAt[(clientId, seq)] = at;

    public void Acked(TimeSpan latency)
    {
        if (Recording)
        {
            _acks.Add(latency.TotalMilliseconds);
        }
    }

    public void Seen(string clientId, long seq)
    {
        if (Recording && _sentAt.TryGetValue((clientId, seq), out var at))
        {
            _seen.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }
    }

    public void Failed(Exception e)
    {
        Interlocked.Increment(ref _failures);
        LastFailure = e;
    }

    public (List<double> Acks, List<double> Seen) Take()
    {
        var acks = _acks.ToList();
        var seen = _seen.ToList();
        acks.Sort();
        seen.Sort();
        _acks.Clear();
        _seen.Clear();
        return (acks, seen);
    }
}
