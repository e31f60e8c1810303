using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.Organizations;

/// <summary>Who belongs to an organization, with which role. An organization keeps at least one owner.</summary>
public sealed class OrganizationMembers(IdentityDataContext database)
{
    /// <summary>The organization's members, longest-standing first.</summary>
    public async Task<MemberView[]> ListAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var members = await database.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId)
            .Join(database.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, u.DisplayName, m.Role, m.CreatedAt })
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. members.Select(m => new MemberView(m.UserId, m.Email, m.DisplayName, TokenPrincipal.RoleName(m.Role), m.CreatedAt))];
    }

    /// <summary>The user's membership of the organization, tracked for a change, or null.</summary>
    public Task<Membership?> FindAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken) =>
        database.Memberships.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);

    /// <summary>Gives the member <paramref name="role"/>; false when that would leave the organization without an owner.</summary>
    public async Task<bool> ChangeRoleAsync(Membership membership, OrganizationRole role, CancellationToken cancellationToken)
    {
        if (membership.Role == OrganizationRole.Owner && role != OrganizationRole.Owner && await IsLastOwnerAsync(membership, cancellationToken))
        {
            return false;
        }

        membership.Role = role;
        await database.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends the membership; false when it is the organization's last owner's.</summary>
    public async Task<bool> RemoveAsync(Membership membership, CancellationToken cancellationToken)
    {
        if (membership.Role == OrganizationRole.Owner && await IsLastOwnerAsync(membership, cancellationToken))
        {
            return false;
        }

        database.Memberships.Remove(membership);
        await database.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<bool> IsLastOwnerAsync(Membership membership, CancellationToken cancellationToken) =>
        !await database.Memberships.AnyAsync(
            m => m.OrganizationId == membership.OrganizationId && m.Role == OrganizationRole.Owner && m.UserId != membership.UserId, cancellationToken);
}
