using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Users;

namespace Platform.Identity.Development;

/// <summary>
/// The demo organization of a development machine (the README lists its sign-ins). Runs only in
/// Development, and only adds what is missing.
/// </summary>
public static class DevelopmentSeed
{
    public const string OrganizationSlug = "acme";
    public const string Password = "Platform-dev-2026";

    public static readonly (string Email, string Name, OrganizationRole Role)[] People =
    [
        ("owner@acme.test", "Ada Owner", OrganizationRole.Owner),
        ("member@acme.test", "Max Member", OrganizationRole.Member),
    ];

    public static async Task SeedAsync(IdentityDataContext database, UserManager<PlatformUser> users, CancellationToken cancellationToken)
    {
        var organization = await database.Organizations.SingleOrDefaultAsync(o => o.Slug == OrganizationSlug, cancellationToken);
        if (organization is null)
        {
            organization = new Organization { Name = "Acme", Slug = OrganizationSlug };
            database.Organizations.Add(organization);
            await database.SaveChangesAsync(cancellationToken);
        }

        foreach (var (email, name, role) in People)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PlatformUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }

            if (!await database.Memberships.AnyAsync(m => m.OrganizationId == organization.Id && m.UserId == user.Id, cancellationToken))
            {
                database.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = role });
                await database.SaveChangesAsync(cancellationToken);
            }
        }
    }
}
