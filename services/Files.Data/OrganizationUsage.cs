namespace Platform.Files.Data;

/// <summary>
/// The bytes an organization's files take, counted when an upload is announced (so uploads at the same time cannot pass
/// the quota together) and given back when a file is deleted or its upload abandoned.
/// </summary>
public sealed class OrganizationUsage
{
    public Guid OrganizationId { get; set; }

    public long Bytes { get; set; }

    public int Files { get; set; }
}
