namespace Platform.Identity.Organizations;

/// <summary>A user's place in an organization and the role that decides what they may do there.</summary>
public sealed class Membership
{
    public Guid OrganizationId { get; init; }

    public Guid UserId { get; init; }

    public required OrganizationRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

public enum OrganizationRole
{
    Viewer,
    Member,
    Admin,
    Owner,
}
