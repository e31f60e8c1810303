using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Organizations;
using Platform.Identity.Users;

namespace Platform.Identity.Data;

public sealed class IdentityDataContext(DbContextOptions<IdentityDataContext> options)
    : IdentityUserContext<PlatformUser, Guid>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // ASP.NET Core Identity names its tables AspNet*; the rest of the schema is snake_case.
        builder.Entity<PlatformUser>().ToTable("users").Property(user => user.DisplayName).HasMaxLength(200);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

        builder.Entity<Organization>(organization =>
        {
            organization.Property(o => o.Name).HasMaxLength(200);
            organization.Property(o => o.Slug).HasMaxLength(64);
            organization.HasIndex(o => o.Slug).IsUnique();
            organization.HasMany(o => o.Memberships).WithOne().HasForeignKey(m => m.OrganizationId);
        });

        builder.Entity<Membership>(membership =>
        {
            membership.HasKey(m => new { m.OrganizationId, m.UserId });
            membership.HasIndex(m => m.UserId);
            membership.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId);
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        });
    }
}
