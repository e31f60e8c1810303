using Platform.EventBus;

namespace Platform.Webhooks.Outbound;

/// <summary>Wakes this replica's dispatcher when it queued deliveries; other replicas' are found by its poll.</summary>
public sealed class OutboundSignal
{
    private readonly WakeUp _wakeUp = new();

    public void Wake() => _wakeUp.Notify();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wakeUp.WaitAsync(timeout, cancellationToken);
}
