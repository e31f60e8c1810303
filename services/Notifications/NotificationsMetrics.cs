using System.Diagnostics.Metrics;

namespace Platform.Notifications;

/// <summary>Notifications made (by kind), deliveries attempted (by channel and outcome), and how long a notification took to reach each channel.</summary>
public sealed class NotificationsMetrics
{
    public const string MeterName = "Platform.Notifications";

    private readonly Counter<long> _made;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _delivery;

    public NotificationsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _made = meter.CreateCounter<long>("notifications.made", description: "Notifications put in people's inboxes, by kind");
        _attempts = meter.CreateCounter<long>("notifications.delivery.attempts", description: "Attempts to hand a notification to its channel (mail server, push service), by channel and outcome");
        _delivery = meter.CreateHistogram<double>("notifications.delivery.latency", unit: "s", description: "From a notification to its delivery, by channel");
    }

    public void Made(string kind, int count) => _made.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Attempted(string channel, bool sent) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", sent ? "sent" : "failed"));

    public void Delivered(string channel, TimeSpan latency) => _delivery.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
}
