using Platform.EventBus;

namespace Platform.Notifications.Email;

/// <summary>Wakes this replica's email dispatcher when it queued mail; other replicas' are found by its poll.</summary>
public sealed class EmailSignal
{
    private readonly WakeUp _wakeUp = new();

    public void Wake() => _wakeUp.Notify();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wakeUp.WaitAsync(timeout, cancellationToken);
}
