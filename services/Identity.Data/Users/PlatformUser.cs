using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

/// <summary>A person who signs in. Users are global; what they may see comes from their memberships.</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
