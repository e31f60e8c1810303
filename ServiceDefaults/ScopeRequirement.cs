using Microsoft.AspNetCore.Authorization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A route's scope: the token holds at least one of <see cref="AnyOf"/>. A requirement of its own, not an assertion,
/// so the API description can say which scopes each route needs (<see cref="ScopeOperationTransformer"/>). It is its
/// own handler, which the authorization service runs without registration.
/// </summary>
public sealed class ScopeRequirement(IReadOnlyList<string> anyOf) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (requirement.AnyOf.Any(context.User.HasScope))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
