using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Data;
using Platform.Identity.Me;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using Platform.Identity.Users;

namespace Platform.Identity.Invitations;

public sealed record InviteRequest(string? Email, string? Role);

public sealed record InvitationView(Guid Id, string Email, string Role, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

public sealed record ReceivedInvitationView(Guid Id, Guid OrganizationId, string OrganizationSlug, string OrganizationName, string Role, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>/organization/invitations</c> (administration) and <c>/me/invitations</c> (the invited account). Another
/// organization's or another account's invitation answers 404, exactly like one that does not exist.
/// </summary>
public static class InvitationEndpoints
{
    public static async Task<Results<Accepted<InvitationView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Invite(
        InviteRequest request, ClaimsPrincipal caller, MemberInvitations invitations, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddress.IsPlausible(request.Email))
        {
            errors["email"] = [EmailAddress.Requirement];
        }

        var role = OrganizationRoles.ParseRole(request.Role);
        if (role is null)
        {
            errors["role"] = [OrganizationRoles.RoleRequirement];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!caller.MayGrant(role!.Value))
        {
            return TypedResults.Forbid();
        }

        var (outcome, invitation) = await invitations.InviteAsync(caller.OrganizationId(), caller.UserId(), request.Email!, role.Value, cancellationToken);
        return outcome switch
        {
            InviteOutcome.AlreadyMember => TypedResults.Problem("They are already a member.", statusCode: StatusCodes.Status409Conflict),
            InviteOutcome.AlreadyInvited => TypedResults.Problem(
                "That address has a pending invitation; revoke it to invite with another role.", statusCode: StatusCodes.Status409Conflict),
            // 202: the organization has not gained a member, and may never, until the address's holder accepts.
            _ => TypedResults.Accepted($"/organization/invitations/{invitation!.Id}", View(invitation)),
        };
    }

    public static async Task<Ok<InvitationView[]>> List(ClaimsPrincipal caller, MemberInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok((await invitations.PendingAsync(caller.OrganizationId(), cancellationToken)).ConvertAll(View).ToArray());

    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ClaimsPrincipal caller, MemberInvitations invitations, CancellationToken cancellationToken) =>
        await invitations.RevokeAsync(caller.OrganizationId(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<ReceivedInvitationView[]>> Received(ClaimsPrincipal caller, MemberInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok((await invitations.ForAccountAsync(caller.UserId(), cancellationToken))
            .ConvertAll(row => new ReceivedInvitationView(
                row.Invitation.Id, row.Organization.Id, row.Organization.Slug, row.Organization.Name, TokenPrincipal.RoleName(row.Invitation.Role), row.Invitation.ExpiresAt))
            .ToArray());

    /// <summary>The account is a member now; a token for that organization comes from a refresh with <c>organization</c>.</summary>
    public static async Task<Results<Ok<MembershipView>, NotFound>> Accept(
        Guid id, ClaimsPrincipal caller, MemberInvitations invitations, IdentityDataContext database, CancellationToken cancellationToken)
    {
        var membership = await invitations.AcceptAsync(caller.UserId(), id, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        var organization = await database.Organizations.FindAsync([membership.OrganizationId], cancellationToken);
        return TypedResults.Ok(new MembershipView(organization!.Id, organization.Slug, organization.Name, TokenPrincipal.RoleName(membership.Role)));
    }

    private static InvitationView View(Invitation invitation) =>
        new(invitation.Id, invitation.Email, TokenPrincipal.RoleName(invitation.Role), invitation.CreatedAt, invitation.ExpiresAt);
}
