using Platform.Contracts;

namespace Platform.Webhooks.Inbound;

/// <summary>What a delivery became: the platform events it announces, and a line saying so for the delivery log.</summary>
public sealed record Translation(IReadOnlyList<CodeEvent> Events, string Outcome)
{
    public static Translation Nothing(string why) => new([], why);
}

/// <summary>The integration a delivery came through: what every event made of it names.</summary>
public sealed record Sender(Guid IntegrationId, Guid OrganizationId, string Provider, DateTimeOffset ReceivedAt);
