namespace Platform.Collaboration.Ot;

/// <summary>An operation sent to the server: made on <see cref="BaseVersion"/>, identified by the client's sequence number.</summary>
public sealed record Submission(int BaseVersion, long ClientSeq, TextOperation Op);

/// <summary>An operation the server committed as <see cref="Version"/>, with the client that sent it.</summary>
public sealed record CommittedOp(int Version, string ClientId, long ClientSeq, TextOperation Op);

/// <summary>What receiving committed ops did here: remote ops as applied to this document (to move cursors), and what to send next.</summary>
public sealed record Received(IReadOnlyList<RemoteEdit> Applied, Submission? Next);

/// <summary>Another client's committed operation, and the operation it became on this client's document.</summary>
public sealed record RemoteEdit(CommittedOp Committed, TextOperation Applied);

/// <summary>
/// The client side of the protocol as a state machine: synchronized (nothing pending), awaiting an ack (one op in
/// flight), or awaiting with a buffer (later local edits composed while the first is in flight). Pure: the caller
/// sends the submissions it returns and feeds in every committed op, its own included (that is its ack), in any
/// order: ops arrive through a backplane and after reconnects, so early ones wait and repeated ones are ignored.
/// </summary>
/// <param name="undoSteps">How many steps <see cref="History"/> keeps; every remote op rebases each of them, so a client that never undoes passes 0.</param>
public sealed class OtClient(string clientId, int version, string text, int undoSteps = UndoManager.DefaultLimit)
{
    private readonly SortedDictionary<int, CommittedOp> _early = [];
    private TextOperation? _buffer;
    private long _lastSeq;

    public string ClientId { get; } = clientId;

    /// <summary>The last server version this client has incorporated.</summary>
    public int Version { get; private set; } = version;

    public Rope Document { get; } = new(text);

    public UndoManager History { get; } = new(undoSteps);

    /// <summary>
    /// The op sent and not yet acknowledged, always as of <see cref="Version"/>: each remote op received rebases it and
    /// moves its base version, so resending it as it stands (after a reconnect, or when a paced send goes out late) is
    /// always right; the server recognizes it by its sequence number if it committed it already.
    /// </summary>
    public Submission? InFlight { get; private set; }

    public bool IsSynchronized => InFlight is null;

    /// <summary>Versions received ahead of a gap. A gap that does not fill (a lost message) is repaired by catching up from the server.</summary>
    public IReadOnlyCollection<int> WaitingVersions => _early.Keys;

    /// <summary>Applies a local edit; returns what to send now, or null when an op is in flight (the edit waits in the buffer).</summary>
    public Submission? ApplyLocal(TextOperation op, bool mergeUndoStep = false)
    {
        if (op.IsNoop)
        {
            return null;
        }
        History.Record(op, Document, mergeUndoStep);
        return Submit(op);
    }

    /// <summary>Undoes this user's last step (others' edits stay); returns what to send, if anything.</summary>
    public Submission? Undo() => History.TakeUndo(Document) is { } op ? Submit(op) : null;

    public Submission? Redo() => History.TakeRedo(Document) is { } op ? Submit(op) : null;

    /// <summary>Takes committed ops in version order: its own in-flight op is the ack, anyone else's is transformed and applied.</summary>
    public Received Receive(CommittedOp committed) => Receive([committed]);

    /// <summary>Several committed ops at once (one commit's, or those missed while away); what to send is decided after all of them.</summary>
    public Received Receive(IEnumerable<CommittedOp> committed)
    {
        foreach (var op in committed.Where(op => op.Version > Version))
        {
            _early[op.Version] = op;
        }
        var applied = new List<RemoteEdit>();
        var acknowledged = false;
        while (_early.Remove(Version + 1, out var op))
        {
            Version = op.Version;
            if (IsInFlight(op.ClientId, op.ClientSeq))
            {
                InFlight = null;
                acknowledged = true;
                if (_buffer is not null)
                {
                    // Not sent yet: it becomes the in-flight op and is rebased over what follows before it goes out
                    // (unless its edits cancelled out, such as typing a letter and deleting it: servers refuse empty operations).
                    InFlight = _buffer.IsNoop ? null : new Submission(Version, ++_lastSeq, _buffer);
                    _buffer = null;
                }
            }
            else
            {
                applied.Add(new RemoteEdit(op, ApplyRemote(op.Op)));
            }
        }
        return new Received(applied, acknowledged ? InFlight : null);
    }

    private TextOperation ApplyRemote(TextOperation op)
    {
        if (InFlight is not null)
        {
            (var inFlight, op) = TextOperation.TransformPair(InFlight.Op, op);
            InFlight = InFlight with { BaseVersion = Version, Op = inFlight };
            if (_buffer is not null)
            {
                (_buffer, op) = TextOperation.TransformPair(_buffer, op);
            }
        }
        Document.Apply(op);
        History.Transform(op);
        return op;
    }

    private bool IsInFlight(string clientId, long clientSeq) => InFlight is not null && clientId == ClientId && clientSeq == InFlight.ClientSeq;

    /// <summary>
    /// A selection in the server's text at <see cref="Version"/> (another client's cursor, say) moved through this client's
    /// edits the server has not committed yet, so it points into <see cref="Document"/>.
    /// </summary>
    public Selection ToLocal(Selection selection)
    {
        if (InFlight is not null)
        {
            selection = TextOperation.TransformSelection(selection, InFlight.Op);
        }
        return _buffer is null ? selection : TextOperation.TransformSelection(selection, _buffer);
    }

    private Submission? Submit(TextOperation op)
    {
        if (op.IsNoop)
        {
            return null;
        }
        Document.Apply(op);
        if (InFlight is not null)
        {
            _buffer = _buffer is null ? op : TextOperation.Compose(_buffer, op);
            return null;
        }
        return Send(op);
    }

    private Submission Send(TextOperation op) => InFlight = new Submission(Version, ++_lastSeq, op);
}
