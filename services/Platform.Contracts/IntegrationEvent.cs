namespace Platform.Contracts;

/// <summary>
/// A fact one service tells the others. Concrete events are records marked with
/// <see cref="IntegrationEventAttribute"/>; their own properties become the CloudEvent's data, the
/// properties here become its envelope attributes.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid OrganizationId { get; init; }

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The aggregate the event is about (a task, a document): events of one subject are delivered in order.</summary>
    public abstract string Subject { get; }
}
