namespace Platform.Analytics.Data;

/// <summary>A project as its events name it: analytics answers by key for the projects it has heard of.</summary>
public sealed class FlowProject
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Key { get; set; } = "";
}
