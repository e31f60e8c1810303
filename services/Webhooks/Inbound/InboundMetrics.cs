using System.Diagnostics.Metrics;

namespace Platform.Webhooks.Inbound;

/// <summary>Deliveries received and refused, by provider and outcome: a refused delivery leaves nothing else behind.</summary>
public sealed class InboundMetrics
{
    public const string MeterName = "Platform.Webhooks";

    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;

    public InboundMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("webhooks.inbound.received", description: "Verified deliveries, by provider and whether they were new or a replay");
        _refused = meter.CreateCounter<long>("webhooks.inbound.refused", description: "Deliveries refused before anything was stored, by reason");
    }

    public void Received(string provider, bool replay) =>
        _received.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("replay", replay));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
