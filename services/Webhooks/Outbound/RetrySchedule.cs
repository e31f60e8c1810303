namespace Platform.Webhooks.Outbound;

/// <summary>
/// When a failed delivery is tried again: 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours
/// after each failure (Svix's schedule), so a receiver down for a day still gets every message; after the eighth
/// attempt the delivery has failed.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Length + 1;

    /// <summary>How long after its <paramref name="attempts"/>th failed attempt a delivery is tried again; null when none is left.</summary>
    public static TimeSpan? After(int attempts) => attempts >= 1 && attempts <= Delays.Length ? Delays[attempts - 1] : null;
}
