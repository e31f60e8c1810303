using System.Diagnostics.Metrics;

namespace Platform.Notifications;

/// <summary>Notifications made (by kind), mails attempted (by outcome), and how long a notification took to reach each channel.</summary>
public sealed class NotificationsMetrics
{
    public const string MeterName = "Platform.Notifications";

    private readonly Counter<long> _made;
    private readonly Counter<long> _mailed;
    private readonly Histogram<double> _delivery;

    public NotificationsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _made = meter.CreateCounter<long>("notifications.made", description: "Notifications put in people's inboxes, by kind");
        _mailed = meter.CreateCounter<long>("notifications.email.attempts", description: "Attempts to hand a mail to the mail server, by outcome");
        _delivery = meter.CreateHistogram<double>("notifications.delivery.latency", unit: "s", description: "From a notification to its delivery, by channel");
    }

    public void Made(string kind, int count) => _made.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Mailed(bool sent) => _mailed.Add(1, new KeyValuePair<string, object?>("outcome", sent ? "sent" : "failed"));

    public void Delivered(string channel, TimeSpan latency) => _delivery.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
}
