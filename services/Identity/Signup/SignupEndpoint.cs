using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Organizations;
using Platform.Identity.Users;

namespace Platform.Identity.Signup;

public sealed record SignupRequest(string? Email, string? DisplayName, string? Password, string? OrganizationName, string? OrganizationSlug);

public sealed record SignupResponse(Guid UserId, Guid OrganizationId, string OrganizationSlug);

/// <summary>
/// A person signs up with a new organization they own: user, organization and membership are created
/// together or not at all. The answer never tells whether the address already has an account.
/// </summary>
public static class SignupEndpoint
{
    public static async Task<Results<Created<SignupResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        SignupRequest request, UserManager<PlatformUser> users, IdentityDataContext database, ILogger<SignupRequest> logger, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        var user = new PlatformUser { UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName?.Trim() ?? "" };
        if (errors.Count == 0)
        {
            // Before anything that depends on the address: a weak password is refused alike for a new and a taken one.
            await ValidatePasswordAsync(users, user, request.Password!, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var requestedSlug = request.OrganizationSlug?.Trim();
        if (!string.IsNullOrEmpty(requestedSlug) && await database.Organizations.AnyAsync(o => o.Slug == requestedSlug, cancellationToken))
        {
            return TypedResults.Problem($"The organization slug '{requestedSlug}' is taken.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        var slug = string.IsNullOrEmpty(requestedSlug)
            ? await OrganizationSlug.UniqueAsync(database, request.OrganizationName!, cancellationToken)
            : requestedSlug;

        if (await users.FindByEmailAsync(request.Email!) is not null)
        {
            return AnswerForATakenAddress(users, request.Password!, slug, logger);
        }

        var organization = new Organization { Name = request.OrganizationName!.Trim(), Slug = slug };
        IdentityResult outcome;
        try
        {
            outcome = await CreateTogetherAsync(users, database, user, request.Password!, organization, cancellationToken);
        }
        catch (DbUpdateException e) when (OrganizationSlug.WasTaken(e))
        {
            // Another sign-up took the slug between the check and the insert: a chosen slug is taken; a derived one gets a suffix.
            if (!string.IsNullOrEmpty(requestedSlug))
            {
                return TypedResults.Problem($"The organization slug '{requestedSlug}' is taken.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
            }
            database.ChangeTracker.Clear();
            user = new PlatformUser { UserName = request.Email, Email = request.Email, DisplayName = user.DisplayName };
            organization = new Organization { Name = organization.Name, Slug = OrganizationSlug.WithSuffix(OrganizationSlug.From(organization.Name)) };
            outcome = await CreateTogetherAsync(users, database, user, request.Password!, organization, cancellationToken);
        }

        if (outcome.Errors.Any(error => error.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            // Another sign-up with the address won the race.
            return AnswerForATakenAddress(users, request.Password!, slug, logger);
        }

        if (!outcome.Succeeded)
        {
            return TypedResults.ValidationProblem(outcome.Errors
                .GroupBy(error => error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray()));
        }

        return TypedResults.Created($"/organizations/{organization.Id}", new SignupResponse(user.Id, organization.Id, organization.Slug));
    }

    /// <summary>The user, the organization and its owner's membership, in one transaction.</summary>
    private static Task<IdentityResult> CreateTogetherAsync(
        UserManager<PlatformUser> users, IdentityDataContext database, PlatformUser user, string password, Organization organization, CancellationToken cancellationToken) =>
        database.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created;
            }

            database.Organizations.Add(organization);
            database.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Owner });
            await database.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        });

    /// <summary>
    /// A sign-up for an address that has an account answers as a new one would, after as long, so nobody learns
    /// which addresses have accounts; nothing is created and the account is untouched. Its holder signs in as
    /// before; the ids answered lead nowhere.
    /// </summary>
    private static Created<SignupResponse> AnswerForATakenAddress(UserManager<PlatformUser> users, string password, string slug, ILogger logger)
    {
        users.SpendAPasswordChecksTime(password);
        logger.LogInformation("A sign-up named an address that has an account; nothing was created.");
        var organizationId = Guid.CreateVersion7();
        return TypedResults.Created($"/organizations/{organizationId}", new SignupResponse(Guid.CreateVersion7(), organizationId, slug));
    }

    private static async Task ValidatePasswordAsync(UserManager<PlatformUser> users, PlatformUser user, string password, Dictionary<string, string[]> errors)
    {
        var failures = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            failures.AddRange(result.Errors.Select(error => error.Description));
        }

        if (failures.Count > 0)
        {
            errors["password"] = [.. failures];
        }
    }

    private static Dictionary<string, string[]> Validate(SignupRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddress.IsPlausible(request.Email))
        {
            errors["email"] = [EmailAddress.Requirement];
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
        {
            errors["displayName"] = ["A display name of at most 200 characters is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }

        if (string.IsNullOrWhiteSpace(request.OrganizationName) || request.OrganizationName.Length > 200 || OrganizationSlug.From(request.OrganizationName).Length == 0)
        {
            errors["organizationName"] = ["An organization name of at most 200 characters, with letters or digits, is required."];
        }

        if (!string.IsNullOrWhiteSpace(request.OrganizationSlug) && !OrganizationSlug.IsValid(request.OrganizationSlug.Trim()))
        {
            errors["organizationSlug"] = ["A slug is 2 to 64 lower-case letters, digits and dashes, starting with a letter or digit."];
        }

        return errors;
    }
}
