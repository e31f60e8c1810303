namespace Platform.Notifications.Data;

/// <summary>
/// How the organization's mail looks: its name (as the identity service announces it), an accent colour for buttons
/// and links, and a logo at the top.
/// </summary>
public sealed class OrganizationBranding
{
    public Guid OrganizationId { get; set; }

    public string? Name { get; set; }

    /// <summary>#rrggbb.</summary>
    public string? AccentColor { get; set; }

    /// <summary>An https address of an image.</summary>
    public string? LogoUrl { get; set; }
}
