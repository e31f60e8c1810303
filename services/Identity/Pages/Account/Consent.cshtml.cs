using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;

namespace Platform.Identity.Pages.Account;

/// <summary>Asks a signed-in user whether a third-party application may act for them; the answer goes back to the authorization endpoint.</summary>
public sealed class ConsentModel(IOpenIddictApplicationManager applications) : PageModel
{
    public string ApplicationName { get; private set; } = "";

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    /// <summary>The authorization request's own parameters, sent back unchanged with the answer.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // Only for someone signed in with the identity cookie (the platform's default policy wants a token's organization).
        if (!(await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded)
        {
            return Challenge(IdentityConstants.ApplicationScheme);
        }

        var clientId = Request.Query[OpenIddictConstants.Parameters.ClientId].ToString();
        var application = string.IsNullOrEmpty(clientId) ? null : await applications.FindByClientIdAsync(clientId, HttpContext.RequestAborted);
        if (application is null)
        {
            return NotFound();
        }

        ApplicationName = await applications.GetDisplayNameAsync(application, HttpContext.RequestAborted) ?? clientId;
        Scopes = Request.Query[OpenIddictConstants.Parameters.Scope].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Parameters = [.. Request.Query.Select(parameter => KeyValuePair.Create(parameter.Key, parameter.Value.ToString()))];
        return Page();
    }
}
