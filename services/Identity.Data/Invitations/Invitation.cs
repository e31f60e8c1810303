using Platform.Identity.Organizations;

namespace Platform.Identity.Invitations;

/// <summary>
/// An organization's offer of a role to whoever holds an email address. Nobody joins an organization without
/// accepting, and the organization learns nothing of whether an account has that address.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; init; }

    /// <summary>As the inviter wrote it, for the inviter's list.</summary>
    public required string Email { get; init; }

    /// <summary>What an account's normalized email is compared with.</summary>
    public required string NormalizedEmail { get; init; }

    public required OrganizationRole Role { get; init; }

    public Guid InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
