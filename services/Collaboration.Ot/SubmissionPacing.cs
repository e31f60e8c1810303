namespace Platform.Collaboration.Ot;

/// <summary>
/// Spaces one connection's submissions at least 1/<c>opsPerSecond</c> apart, the rate the server allows
/// (<see cref="JoinResult.OpsPerSecond"/>). A client that sent its next op as soon as the ack arrived would go over the
/// limit whenever acks come fast (a paste, a replayed trace, a quick typist on a near server) and be refused; waiting
/// costs nothing else, as the edits made meanwhile compose into the <see cref="OtClient"/>'s buffer. What goes after a
/// wait is <see cref="OtClient.InFlight"/> as it stands then (remote ops may have rebased it).
/// </summary>
/// <param name="opsPerSecond">0: the server set no limit, nothing waits.</param>
public sealed class SubmissionPacing(int opsPerSecond, TimeProvider clock)
{
    private readonly long _interval = opsPerSecond > 0 ? clock.TimestampFrequency / opsPerSecond : 0;
    private long _next;

    /// <summary>How long the next submission waits before it goes (zero: it goes now); its turn is taken.</summary>
    public TimeSpan Reserve()
    {
        var now = clock.GetTimestamp();
        var at = Math.Max(_next, now);
        _next = at + _interval;
        return TimeSpan.FromSeconds((at - now) / (double)clock.TimestampFrequency);
    }
}
