namespace Platform.Analytics.Data;

/// <summary>
/// An organization analytics holds projects of: the list the periodic risk scan walks, each organization then read as
/// itself. Ids only, and outside row-level security, because the scan must find them before it can enter one.
/// </summary>
public sealed class KnownOrganization
{
    public Guid OrganizationId { get; set; }
}
