using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;

namespace Platform.Identity.Organizations;

/// <summary>Organizations by id, and founding new ones under a slug no other organization has.</summary>
public sealed class OrganizationRegistry(IdentityDataContext database)
{
    public Task<Organization?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        database.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>A new organization named <paramref name="name"/> (validated) with <paramref name="founderId"/> as its owner.</summary>
    public async Task<Organization> FoundAsync(string name, Guid founderId, CancellationToken cancellationToken)
    {
        var organization = new Organization { Name = name.Trim(), Slug = await OrganizationSlug.UniqueAsync(database, name, cancellationToken) };
        database.Organizations.Add(organization);
        database.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = founderId, Role = OrganizationRole.Owner });
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (OrganizationSlug.WasTaken(e))
        {
            // Another organization of that name was founded between the check and the insert.
            organization.Slug = OrganizationSlug.WithSuffix(organization.Slug);
            await database.SaveChangesAsync(cancellationToken);
        }

        return organization;
    }
}
