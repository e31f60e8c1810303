using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.EventBus;

/// <summary>Traces and meters of the event bus (ServiceDefaults exports every "Platform.*" source and meter).</summary>
public sealed class EventBusTelemetry
{
    public const string Name = "Platform.EventBus";

    public static readonly ActivitySource ActivitySource = new(Name);

    private double _outboxLagSeconds;

    public EventBusTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Published = meter.CreateCounter<long>("platform.events.published", description: "Events the outbox relay handed to the transport.");
        Handled = meter.CreateCounter<long>("platform.events.handled", description: "Events consumed, by outcome (handled, duplicate, ignored, failed).");
        DeadLettered = meter.CreateCounter<long>("platform.events.dead_lettered", description: "Events moved to the dead-letter stream.");
        HandlingDuration = meter.CreateHistogram<double>("platform.events.handling.duration", unit: "s", description: "Time to handle one event, its transaction included.");
        EndToEndLatency = meter.CreateHistogram<double>("platform.events.latency", unit: "s", description: "From the event's occurrence to its handler's commit.");
        meter.CreateObservableGauge("platform.outbox.lag", () => Volatile.Read(ref _outboxLagSeconds), unit: "s",
            description: "Age of the oldest event the relay last found unsent.");
    }

    public Counter<long> Published { get; }

    public Counter<long> Handled { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> HandlingDuration { get; }

    public Histogram<double> EndToEndLatency { get; }

    public void ReportOutboxLag(TimeSpan lag) => Volatile.Write(ref _outboxLagSeconds, lag.TotalSeconds);
}
