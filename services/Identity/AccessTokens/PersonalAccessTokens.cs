using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Identity.Data;

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
