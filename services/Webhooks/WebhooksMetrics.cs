using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Webhooks;

/// <summary>
/// Deliveries received and refused (by provider and outcome: a refused delivery leaves nothing else behind), and
/// deliveries sent (by format and outcome, with how long each attempt took).
/// </summary>
public sealed class WebhooksMetrics
{
    public const string MeterName = "Platform.Webhooks";

    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _attemptDuration;

    public WebhooksMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("webhooks.inbound.received", description: "Verified deliveries, by provider and whether they were new or a replay");
        _refused = meter.CreateCounter<long>("webhooks.inbound.refused", description: "Deliveries refused before anything was stored, by reason");
        _attempts = meter.CreateCounter<long>("webhooks.outbound.attempts", description: "Attempts to deliver to endpoints, by format and outcome");
        _attemptDuration = meter.CreateHistogram<double>("webhooks.outbound.attempt.duration", unit: "s", description: "How long endpoints took to answer");
    }

    public void Received(string provider, bool replay) =>
        _received.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("replay", replay));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Attempted(string format, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "format", format }, { "outcome", succeeded ? "succeeded" : "failed" } };
        _attempts.Add(1, tags);
        _attemptDuration.Record(duration.TotalSeconds, tags);
    }
}
