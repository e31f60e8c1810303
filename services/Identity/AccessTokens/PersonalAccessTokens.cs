using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.AccessTokens;

/// <summary>A user's personal access tokens: made with a secret shown once, listed without it, revoked at once.</summary>
public sealed class PersonalAccessTokens(IdentityDataContext database, TimeProvider clock)
{
    /// <summary>A new token for the user in the organization, with validated name, scopes and lifetime; the secret is only in the answer.</summary>
    public async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(
        Guid userId, Guid organizationId, string name, string[] scopes, int lifetimeDays, CancellationToken cancellationToken)
    {
        var secret = PersonalAccessToken.NewSecret();
        var now = clock.GetUtcNow();
        var token = new PersonalAccessToken
        {
            UserId = userId,
            OrganizationId = organizationId,
            Name = name.Trim(),
            Scopes = [.. scopes.Distinct()],
            SecretHash = PersonalAccessToken.Hash(secret),
            DisplayPrefix = secret[..(PersonalAccessTokenClaims.SecretPrefix.Length + 6)],
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
        database.PersonalAccessTokens.Add(token);
        // A security notice to its owner, whatever they chose to hear: a token they did not make gets noticed.
        database.AddIntegrationEvent(new AccessTokenCreated(userId, token.Id, token.Name, token.Scopes, token.ExpiresAt) { OrganizationId = organizationId, OccurredAt = now });
        await database.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    /// <summary>The user's tokens, newest first, revoked and expired ones included.</summary>
    public Task<List<PersonalAccessToken>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        database.PersonalAccessTokens.AsNoTracking()
            .Where(token => token.UserId == userId)
            .OrderByDescending(token => token.CreatedAt)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// What a secret stands for, or null when it is unknown, revoked or expired: the owner must still be a member, and
    /// the role of today decides (a viewer's token loses its write scopes).
    /// </summary>
    public async Task<VerifiedAccessToken?> VerifyAsync(string? secret, CancellationToken cancellationToken)
    {
        if (secret is not { Length: > 0 } || !secret.StartsWith(PersonalAccessTokenClaims.SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = PersonalAccessToken.Hash(secret);
        var now = clock.GetUtcNow();
        var found = await database.PersonalAccessTokens.AsNoTracking()
            .Where(token => token.SecretHash == hash && token.RevokedAt == null && token.ExpiresAt > now)
            .Join(database.Memberships, token => new { token.OrganizationId, token.UserId }, m => new { m.OrganizationId, m.UserId },
                (token, membership) => new { token, membership.Role })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new VerifiedAccessToken(
            found.token.Id,
            found.token.UserId,
            found.token.OrganizationId,
            TokenPrincipal.RoleName(found.Role),
            [.. TokenPrincipal.GrantedScopes(found.token.Scopes, found.Role)],
            found.token.ExpiresAt);
    }

    /// <summary>Revokes the user's token (revoking twice keeps the first time); false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var token = await database.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await database.SaveChangesAsync(cancellationToken);
        return true;
    }
}
