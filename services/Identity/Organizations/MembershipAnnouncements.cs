using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.Organizations;

/// <summary>
/// Announces every membership that begins, changes role or ends, in the same commit (the outbox): memberships are made
/// in several places (sign-up, a new organization, an invitation accepted, the development seed), and none can forget.
/// </summary>
internal sealed class MembershipAnnouncements : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is IdentityDataContext database)
        {
            foreach (var entry in database.ChangeTracker.Entries<Membership>().ToList())
            {
                if (await AnnouncementOfAsync(database, entry, cancellationToken) is { } announcement)
                {
                    database.AddIntegrationEvent(announcement);
                }
            }
        }

        return result;
    }

    /// <summary>Only the signing keys are saved synchronously; a membership saved so would go unannounced.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context?.ChangeTracker.Entries<Membership>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true
            ? throw new InvalidOperationException("Memberships are saved asynchronously, so that they are announced.")
            : result;

    private static async Task<IntegrationEvent?> AnnouncementOfAsync(IdentityDataContext database, EntityEntry<Membership> entry, CancellationToken cancellationToken)
    {
        var membership = entry.Entity;
        switch (entry.State)
        {
            case EntityState.Added:
                var user = await database.Users.FindAsync([membership.UserId], cancellationToken)
                    ?? throw new InvalidOperationException($"Membership of unknown user {membership.UserId}.");
                var organization = await database.Organizations.FindAsync([membership.OrganizationId], cancellationToken);
                return new MemberJoined(user.Id, user.Email!, user.DisplayName, TokenPrincipal.RoleName(membership.Role))
                    { OrganizationId = membership.OrganizationId, OrganizationName = organization?.Name };
            case EntityState.Modified when entry.Property(m => m.Role).IsModified
                && entry.Property(m => m.Role).OriginalValue is var from && from != membership.Role:
                return new MemberRoleChanged(membership.UserId, TokenPrincipal.RoleName(from), TokenPrincipal.RoleName(membership.Role))
                    { OrganizationId = membership.OrganizationId };
            case EntityState.Deleted:
                return new MemberLeft(membership.UserId) { OrganizationId = membership.OrganizationId };
            default:
                return null;
        }
    }
}
