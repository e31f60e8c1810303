using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Users;

namespace Platform.Identity.Pages.Account;

/// <summary>Email and password sign-in; repeated failures lock the account for a while.</summary>
public sealed class LoginModel(SignInManager<PlatformUser> signIn) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.FindByEmailAsync(Email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Only local addresses: never an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (user is null || result.IsLockedOut)
        {
            signIn.UserManager.SpendAPasswordChecksTime(Password);
        }

        // One answer for a wrong password, an unknown address and a locked account: none tells which addresses have accounts.
        Error = "Wrong email or password, or too many attempts: wait a few minutes and try again.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
