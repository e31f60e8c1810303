namespace Platform.Notifications.Data;

/// <summary>A member of the organization as the identity service announced them: whom a notification can reach, and how.</summary>
public sealed class Person
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>owner, admin, member or viewer.</summary>
    public required string Role { get; set; }

    /// <summary>False once they left: nothing reaches a former member.</summary>
    public bool Active { get; set; }
}
