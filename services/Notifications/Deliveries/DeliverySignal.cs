using Platform.EventBus;
using Platform.Notifications.Data;

namespace Platform.Notifications.Deliveries;

/// <summary>Wakes this replica's dispatcher of a channel when it queued something; other replicas' are found by their poll.</summary>
public sealed class DeliverySignal
{
    private readonly Dictionary<string, WakeUp> _wakeUps = Channels.All.ToDictionary(channel => channel, _ => new WakeUp());

    public void Wake(string channel) => _wakeUps[channel].Notify();

    public Task WaitAsync(string channel, TimeSpan timeout, CancellationToken cancellationToken) => _wakeUps[channel].WaitAsync(timeout, cancellationToken);
}
