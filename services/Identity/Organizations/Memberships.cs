using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;

namespace Platform.Identity.Organizations;

public static class Memberships
{
    /// <summary>The user's membership of <paramref name="organization"/> (id or slug), or when none is named their oldest one.</summary>
    public static Task<Membership?> FindAsync(IdentityDataContext database, Guid userId, string? organization, CancellationToken cancellationToken)
    {
        var memberships = database.Memberships.Where(m => m.UserId == userId);
        if (!string.IsNullOrWhiteSpace(organization))
        {
            memberships = Guid.TryParse(organization, out var organizationId)
                ? memberships.Where(m => m.OrganizationId == organizationId)
                : memberships.Where(m => database.Organizations.Any(o => o.Id == m.OrganizationId && o.Slug == organization));
        }

        return memberships.OrderBy(m => m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }
}
