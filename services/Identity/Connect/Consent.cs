using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// For clients that need consent (third-party apps): a user says yes once per client and set of scopes,
/// and the answer is kept as a permanent authorization, so the next sign-in does not ask again.
/// </summary>
public static class Consent
{
    public const string Field = "consent";
    public const string Granted = "granted";
    public const string PagePath = "/account/consent";

    public enum Outcome
    {
        NotNeeded,
        Given,
        Refused,
        Ask,
        BadRequest,
    }

    public static async Task<(Outcome Outcome, string? AuthorizationId)> DecideAsync(
        HttpContext http, OpenIddictRequest request, string subject, ClaimsPrincipal principal,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, IAntiforgery antiforgery)
    {
        var cancellationToken = http.RequestAborted;
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated the client, yet it is gone.");
        if (await applications.GetConsentTypeAsync(application, cancellationToken) != ConsentTypes.Explicit)
        {
            return (Outcome.NotNeeded, null);
        }

        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var scopes = principal.GetScopes();
        await foreach (var existing in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellationToken))
        {
            return (Outcome.Given, await authorizations.GetIdAsync(existing, cancellationToken));
        }

        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || !http.Request.Form.ContainsKey(Field))
        {
            return (Outcome.Ask, null);
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return (Outcome.BadRequest, null);
        }

        if (http.Request.Form[Field] != Granted)
        {
            return (Outcome.Refused, null);
        }

        var authorization = await authorizations.CreateAsync(principal, subject, applicationId!, AuthorizationTypes.Permanent, scopes, cancellationToken);
        return (Outcome.Given, await authorizations.GetIdAsync(authorization, cancellationToken));
    }
}
