using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Tokens;

namespace Platform.Identity.AccessTokens;

public sealed record CreateAccessTokenRequest(string? Name, string[]? Scopes, int? ExpiresInDays);

public sealed record AccessTokenView(Guid Id, string Name, string DisplayPrefix, string[] Scopes, Guid OrganizationId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record CreatedAccessToken(AccessTokenView Details, string Token);

/// <summary>A signed-in user creates, lists and revokes their personal access tokens.</summary>
public static class AccessTokenEndpoints
{
    public const int MaxLifetimeDays = 366;

    public static async Task<Results<Created<CreatedAccessToken>, ValidationProblem, ForbidHttpResult>> Create(
        CreateAccessTokenRequest request, ClaimsPrincipal caller, IdentityDataContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A token cannot mint tokens: only an interactive sign-in can, so a leaked token cannot outlive its revocation.
        if (caller.HasClaim(claim => claim.Type == PersonalAccessTokenClaims.TokenId))
        {
            return TypedResults.Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of at most 100 characters is required."];
        }

        if (ScopeGrants.RefuseGrant(request.Scopes, ScopeGrants.PersonalAccessToken, caller) is { } refusal)
        {
            errors["scopes"] = [refusal];
        }

        if (request.ExpiresInDays is not (>= 1 and <= MaxLifetimeDays))
        {
            errors["expiresInDays"] = [$"Between 1 and {MaxLifetimeDays} days."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var secret = PersonalAccessToken.NewSecret();
        var now = clock.GetUtcNow();
        var token = new PersonalAccessToken
        {
            UserId = caller.UserId(),
            OrganizationId = caller.OrganizationId(),
            Name = request.Name!.Trim(),
            Scopes = [.. request.Scopes!.Distinct()],
            SecretHash = PersonalAccessToken.Hash(secret),
            DisplayPrefix = secret[..(PersonalAccessTokenClaims.SecretPrefix.Length + 6)],
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.ExpiresInDays!.Value),
        };
        database.PersonalAccessTokens.Add(token);
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/me/tokens/{token.Id}", new CreatedAccessToken(View(token), secret));
    }

    public static async Task<Ok<AccessTokenView[]>> List(ClaimsPrincipal caller, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var userId = caller.UserId();
        var tokens = await database.PersonalAccessTokens.AsNoTracking()
            .Where(token => token.UserId == userId)
            .OrderByDescending(token => token.CreatedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(View).ToArray());
    }

    /// <summary>Revoking is immediate here and reaches every service within their 15-second cache.</summary>
    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ClaimsPrincipal caller, IdentityDataContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = caller.UserId();
        var token = await database.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return TypedResults.NotFound();
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static AccessTokenView View(PersonalAccessToken token) =>
        new(token.Id, token.Name, token.DisplayPrefix, token.Scopes, token.OrganizationId, token.CreatedAt, token.ExpiresAt, token.RevokedAt);
}
