using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

public static class PasswordTiming
{
    /// <summary>
    /// Hashes the password for nothing, for an answer that checked no password (an unknown or locked account, a taken
    /// address at sign-up): it then comes as late as one that did, so its timing does not tell which addresses have accounts.
    /// </summary>
    public static void SpendAPasswordChecksTime(this UserManager<PlatformUser> users, string password) =>
        users.PasswordHasher.HashPassword(new PlatformUser { DisplayName = "" }, password);
}
