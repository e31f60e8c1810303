using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.EventBus;
using Platform.Identity.AccessTokens;
using Platform.Identity.Invitations;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using Platform.Identity.Users;

namespace Platform.Identity.Data;

public sealed class IdentityDataContext(DbContextOptions<IdentityDataContext> options)
    : IdentityUserContext<PlatformUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<TokenKey> TokenKeys => Set<TokenKey>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    /// <summary>Data protection keys (sign-in cookies, antiforgery), shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        // The outbox: memberships and new tokens are announced to the other services (notifications) in their own commit.
        builder.AddEventBusTables();

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

        builder.Entity<TokenKey>().Property(key => key.Id).HasMaxLength(32);

        builder.Entity<PersonalAccessToken>(token =>
        {
            token.HasIndex(t => t.SecretHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.DisplayPrefix).HasMaxLength(16);
            token.HasOne<PlatformUser>().WithMany().HasForeignKey(t => t.UserId);
            token.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId);
        });

        builder.Entity<Membership>(membership =>
        {
            membership.HasKey(m => new { m.OrganizationId, m.UserId });
            membership.HasIndex(m => m.UserId);
            membership.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId);
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.NormalizedEmail).HasMaxLength(256);
            invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
            invitation.HasIndex(i => new { i.OrganizationId, i.NormalizedEmail }).IsUnique();
            invitation.HasIndex(i => i.NormalizedEmail);
            invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId);
        });
    }
}
