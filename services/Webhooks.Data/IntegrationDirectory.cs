namespace Platform.Webhooks.Data;

/// <summary>
/// Which organization an inbound address belongs to: a sender signs in with nothing but the address and its signature,
/// so the service must find the organization before it can enter it. Ids only, outside row-level security.
/// </summary>
public sealed class IntegrationDirectory
{
    public Guid IntegrationId { get; set; }

    public Guid OrganizationId { get; set; }
}
