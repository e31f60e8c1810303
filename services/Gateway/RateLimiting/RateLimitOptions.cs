namespace Platform.Gateway.RateLimiting;

/// <summary>Requests allowed per minute (section <c>Gateway:RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    public int PerUserPerMinute { get; set; } = 600;

    public int PerOrganizationPerMinute { get; set; } = 3000;

    /// <summary>Callers without a token (sign-in pages, token requests) are counted by address.</summary>
    public int PerAnonymousAddressPerMinute { get; set; } = 120;
}
