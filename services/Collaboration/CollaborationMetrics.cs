using System.Diagnostics.Metrics;
using Platform.Collaboration.Editing;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration;

/// <summary>The service's own meter: connected collaborators, open documents, committed operations, their size and how many commit together.</summary>
public sealed class CollaborationMetrics
{
    public const string MeterName = "Platform.Collaboration";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _ops;
    private readonly Counter<long> _refused;
    private readonly Histogram<int> _opSize;
    private readonly Histogram<int> _batchSize;

    public CollaborationMetrics(IMeterFactory meters, LiveDocuments documents)
    {
        var meter = meters.Create(MeterName);
        // Named as the autoscaler asks for it (websocket_connections in Prometheus): the pods scale on connections per pod.
        _connections = meter.CreateUpDownCounter<long>("websocket.connections", unit: "{connection}", description: "Connected collaborators");
        _ops = meter.CreateCounter<long>("collaboration.operations", description: "Operations committed");
        _refused = meter.CreateCounter<long>("collaboration.operations.refused", description: "Operations refused, by reason");
        _opSize = meter.CreateHistogram<int>("collaboration.operation.size", unit: "{code point}", description: "Characters inserted plus deleted per operation");
        _batchSize = meter.CreateHistogram<int>("collaboration.commit.batch_size", unit: "{operation}", description: "Operations taken by one group commit");
        meter.CreateObservableGauge("collaboration.documents.open", () => documents.OpenCount, description: "Documents held live by this instance");
    }

    public void Connected() => _connections.Add(1);

    public void Disconnected() => _connections.Add(-1);

    public void Committed(TextOperation op)
    {
        _ops.Add(1);
        _opSize.Record(op.InsertedLength + op.DeletedLength);
    }

    public void Batched(int operations) => _batchSize.Record(operations);

    public void Refused(string code) => _refused.Add(1, new KeyValuePair<string, object?>("reason", code));
}
