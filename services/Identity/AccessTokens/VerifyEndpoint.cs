using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;

namespace Platform.Identity.AccessTokens;

public sealed record VerifyRequest(string? Token);

/// <summary>
/// Services ask here whether a personal access token is good, and what it may do: the owner must still
/// be a member, and the role of today decides (a viewer's token loses its write scopes).
/// </summary>
public static class VerifyEndpoint
{
    public static async Task<Results<Ok<VerifiedAccessToken>, NotFound>> Handle(
        VerifyRequest request, IdentityDataContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Token is not { Length: > 0 } secret || !secret.StartsWith(PersonalAccessTokenClaims.SecretPrefix, StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var hash = PersonalAccessToken.Hash(secret);
        var now = clock.GetUtcNow();
        var found = await database.PersonalAccessTokens.AsNoTracking()
            .Where(token => token.SecretHash == hash && token.RevokedAt == null && token.ExpiresAt > now)
            .Join(database.Memberships, token => new { token.OrganizationId, token.UserId }, m => new { m.OrganizationId, m.UserId },
                (token, membership) => new { token, membership.Role })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new VerifiedAccessToken(
            found.token.Id,
            found.token.UserId,
            found.token.OrganizationId,
            TokenPrincipal.RoleName(found.Role),
            [.. TokenPrincipal.GrantedScopes(found.token.Scopes, found.Role)],
            found.token.ExpiresAt));
    }
}
