using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Identity.AccessTokens;

public sealed record VerifyRequest(string? Token);

/// <summary>Services ask here whether a personal access token is good, and what it may do (<see cref="PersonalAccessTokens.VerifyAsync"/>).</summary>
public static class VerifyEndpoint
{
    public static async Task<Results<Ok<VerifiedAccessToken>, NotFound>> Handle(
        VerifyRequest request, PersonalAccessTokens tokens, CancellationToken cancellationToken) =>
        await tokens.VerifyAsync(request.Token, cancellationToken) is { } verified ? TypedResults.Ok(verified) : TypedResults.NotFound();
}
