using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Users;

namespace Platform.Identity.Invitations;

public enum InviteOutcome
{
    Invited,
    AlreadyMember,
    AlreadyInvited,
}

/// <summary>
/// Inviting by email and accepting. The inviter's answer is the same whether or not an account has the address
/// (the check for an existing member reads only the inviter's own organization, which the inviter can list anyway).
/// </summary>
public sealed class MemberInvitations(IdentityDataContext database, ILookupNormalizer normalizer, TimeProvider clock)
{
    public async Task<(InviteOutcome Outcome, Invitation? Invitation)> InviteAsync(
        Guid organizationId, Guid inviter, string email, OrganizationRole role, CancellationToken cancellationToken)
    {
        var address = email.Trim();
        var normalized = normalizer.NormalizeEmail(address);
        var isMember = await database.Memberships
            .Where(m => m.OrganizationId == organizationId)
            .Join(database.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail)
            .AnyAsync(address => address == normalized, cancellationToken);
        if (isMember)
        {
            return (InviteOutcome.AlreadyMember, null);
        }

        var now = clock.GetUtcNow();
        // An expired invitation gives way to the new one.
        await database.Invitations
            .Where(i => i.OrganizationId == organizationId && i.NormalizedEmail == normalized && i.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken);
        if (await database.Invitations.AnyAsync(i => i.OrganizationId == organizationId && i.NormalizedEmail == normalized, cancellationToken))
        {
            return (InviteOutcome.AlreadyInvited, null);
        }

        var invitation = new Invitation
        {
            OrganizationId = organizationId,
            Email = address,
            NormalizedEmail = normalized,
            Role = role,
            InvitedBy = inviter,
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
        };
        database.Invitations.Add(invitation);
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return (InviteOutcome.AlreadyInvited, null);
        }

        return (InviteOutcome.Invited, invitation);
    }

    /// <summary>The organization's invitations not yet accepted, revoked or expired.</summary>
    public Task<List<Invitation>> PendingAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return database.Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        await database.Invitations.Where(i => i.Id == id && i.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The invitations addressed to the account's email, with the organizations they come from.</summary>
    public async Task<List<(Invitation Invitation, Organization Organization)>> ForAccountAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await AddressedTo(userId)
            .Join(database.Organizations, i => i.OrganizationId, o => o.Id, (i, o) => new { Invitation = i, Organization = o })
            .AsNoTracking()
            .OrderBy(row => row.Invitation.CreatedAt)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(row => (row.Invitation, row.Organization));
    }

    /// <summary>
    /// The account joins with the invited role; the invitation is used up. Null when no such invitation is addressed
    /// to this account (another's, expired, revoked or unknown: all alike).
    /// </summary>
    public async Task<Membership?> AcceptAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var invitation = await AddressedTo(userId).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        database.Invitations.Remove(invitation);
        var membership = await database.Memberships.SingleOrDefaultAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            membership = new Membership { OrganizationId = invitation.OrganizationId, UserId = userId, Role = invitation.Role };
            database.Memberships.Add(membership);
        }

        await database.SaveChangesAsync(cancellationToken);
        return membership;
    }

    /// <summary>The unexpired invitations to the account's address.</summary>
    private IQueryable<Invitation> AddressedTo(Guid userId)
    {
        var now = clock.GetUtcNow();
        return database.Users.Where(u => u.Id == userId)
            .Join(database.Invitations, u => u.NormalizedEmail, i => i.NormalizedEmail, (u, i) => i)
            .Where(i => i.ExpiresAt > now);
    }
}
