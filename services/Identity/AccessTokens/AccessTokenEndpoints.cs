using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
        CreateAccessTokenRequest request, ClaimsPrincipal caller, PersonalAccessTokens tokens, CancellationToken cancellationToken)
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

        var (token, secret) = await tokens.CreateAsync(
            caller.UserId(), caller.OrganizationId(), request.Name!, request.Scopes!, request.ExpiresInDays!.Value, cancellationToken);
        return TypedResults.Created($"/me/tokens/{token.Id}", new CreatedAccessToken(View(token), secret));
    }

    public static async Task<Ok<AccessTokenView[]>> List(ClaimsPrincipal caller, PersonalAccessTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(caller.UserId(), cancellationToken)).Select(View).ToArray());

    /// <summary>Revoking is immediate here and reaches every service within their 15-second cache.</summary>
    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ClaimsPrincipal caller, PersonalAccessTokens tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(caller.UserId(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static AccessTokenView View(PersonalAccessToken token) =>
        new(token.Id, token.Name, token.DisplayPrefix, token.Scopes, token.OrganizationId, token.CreatedAt, token.ExpiresAt, token.RevokedAt);
}
