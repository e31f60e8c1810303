namespace Platform.Projects.Data;

/// <summary>
/// The answer to a create sent with an <c>Idempotency-Key</c>, kept so a retry gets the same answer instead of
/// a second resource. Written in the transaction of the create itself.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid OrganizationId { get; set; }

    public required string CallerId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public required string ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
