namespace Platform.Notifications.Deliveries;

/// <summary>When a delivery the channel did not take is tried again: after 1 minute, 5, 30, 2 hours, 8 hours; then it has failed.</summary>
public static class DeliveryRetries
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(8)];

    /// <summary>The wait after the <paramref name="attempts"/>th failed attempt, or null when that was the last.</summary>
    public static TimeSpan? After(int attempts) => attempts >= 1 && attempts <= Delays.Length ? Delays[attempts - 1] : null;
}
