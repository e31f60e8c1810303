namespace Platform.Webhooks.Outbound;

/// <summary>Settings of outbound deliveries (<c>Webhooks:Outbound</c>).</summary>
public sealed class OutboundOptions
{
    /// <summary>Whether endpoints may be loopback or private addresses: off in production (SSRF), on for tests and closed networks.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The web client's address, which chat messages link to (<c>Webhooks:WebAddress</c>).</summary>
    public Uri? WebAddress { get; set; }

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An endpoint that has failed without a success for this long is disabled, and its creator told.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How many deliveries one pass of the dispatcher claims, and sends at once.</summary>
    public int BatchSize { get; set; } = 32;
}
