using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using Platform.Identity.Connect;
using Platform.Identity.Data;
using Platform.Identity.Machines;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Apps;

public sealed record RegisterAppRequest(string? Name, string[]? RedirectUris);

public sealed record RegisteredApp(string ClientId, string Name, string[] RedirectUris);

/// <summary>
/// Third-party applications (integrations, other tools) that an organization's owner or admin registers.
/// Anyone may then sign in through them, after saying yes on the consent page to what they ask for.
/// They are public clients: no secret, PKCE required.
/// </summary>
public static class AppEndpoints
{
    public static async Task<Results<Created<RegisteredApp>, ValidationProblem, ForbidHttpResult>> Register(
        RegisterAppRequest request, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of at most 100 characters is required."];
        }

        var redirects = (request.RedirectUris ?? []).Select(uri => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : null).ToArray();
        if (redirects.Length is 0 or > 10 || redirects.Any(uri => uri is null || !IsAllowedRedirect(uri)))
        {
            errors["redirectUris"] = ["One to ten absolute https addresses (http only for loopback), without fragments."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!caller.MayGrant(OrganizationRole.Admin))
        {
            return TypedResults.Forbid();
        }

        var clientId = $"app-{Guid.NewGuid():N}";
        var name = request.Name!.Trim();
        var descriptor = InteractiveClient.Descriptor(clientId, name, ConsentTypes.Explicit, redirects.Select(uri => uri!));
        descriptor.Properties[MachineClients.OrganizationProperty] = JsonSerializer.SerializeToElement(caller.OrganizationId().ToString());
        await applications.CreateAsync(descriptor, cancellationToken);
        return TypedResults.Created($"/organization/apps/{clientId}", new RegisteredApp(clientId, name, [.. redirects.Select(uri => uri!.ToString())]));
    }

    /// <summary>The organization's third-party applications, by name.</summary>
    public static async Task<Ok<RegisteredApp[]>> List(
        ClaimsPrincipal caller, IdentityDataContext database, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var apps = new List<RegisteredApp>();
        foreach (var (application, _) in (await OrganizationApplications.ListAsync(caller.OrganizationId(), database, applications, cancellationToken))
            .Where(application => !application.IsMachineClient()))
        {
            apps.Add(new RegisteredApp(
                (await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                [.. await applications.GetRedirectUrisAsync(application, cancellationToken)]));
        }
        return TypedResults.Ok(apps.OrderBy(app => app.Name, StringComparer.CurrentCultureIgnoreCase).ToArray());
    }

    /// <summary>
    /// Removes the app with everything issued through it (OpenIddict deletes its authorizations and tokens with it), so
    /// its refresh tokens stop working. Only an owner or admin of the app's own organization may; any other app is 404.
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(
        string clientId, ClaimsPrincipal caller, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        if (await OrganizationApplications.FindAsync(clientId, caller.OrganizationId(), applications, cancellationToken) is not { } found || found.IsMachineClient())
        {
            return TypedResults.NotFound();
        }

        if (!caller.MayGrant(OrganizationRole.Admin))
        {
            return TypedResults.Forbid();
        }

        await applications.DeleteAsync(found.Application, cancellationToken);
        return TypedResults.NoContent();
    }

    private static bool IsAllowedRedirect(Uri uri) =>
        string.IsNullOrEmpty(uri.Fragment) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
