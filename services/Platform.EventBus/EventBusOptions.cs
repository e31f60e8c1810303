namespace Platform.EventBus;

/// <summary>Section <c>EventBus</c>. The defaults suit production; tests shorten the waits.</summary>
public sealed class EventBusOptions
{
    public const string Section = "EventBus";

    /// <summary>The service's name: the CloudEvents source, the consumer group and the inbox's consumer key.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary><c>Auto</c> (Dapr when a sidecar is configured through DAPR_HTTP_PORT, else Redis), <c>Redis</c> or <c>Dapr</c>.</summary>
    public string Transport { get; set; } = "Auto";

    /// <summary>Prefix of the Redis stream keys (<c>{prefix}:{topic}</c>), so several environments can share one Redis.</summary>
    public string StreamPrefix { get; set; } = "events";

    public string DaprPubSubName { get; set; } = "pubsub";

    /// <summary>
    /// The relay's own login (<see cref="Outbox.OutboxIsolation"/>), the one that reads every organization's unsent
    /// events; the AppHost sets it. Unset, the relay connects as the service's context does, which suits only a
    /// login that row-level security does not bind (a test database's owner).
    /// </summary>
    public string? RelayConnectionString { get; set; }

    /// <summary>Events read or published per round trip.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How often the relay looks for committed events when no commit in this process woke it, and a standby relay for the lead.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long published events stay in the outbox for inspection before they are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Handler attempts for one event before it goes to the dead-letter stream.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; doubles with each further one, up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An event unacknowledged this long belongs to a consumer that died; another consumer claims it.</summary>
    public TimeSpan ConsumerTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a consumer looks for events abandoned by dead consumers.</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An event delivered more often than this without acknowledgement (it kills its consumers) is dead-lettered.</summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>Subjects handled at the same time by one consumer; events of one subject are always handled in order.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How often a consumer reads an idle stream when no publisher announced an append.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a publisher trims its streams of entries every consumer group has acknowledged.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackoffFor(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryBackoff.Ticks, RetryBackoff.Ticks * (1L << Math.Min(failedAttempts - 1, 30))));
}
