using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Platform.Identity.Connect;
using Platform.Identity.Data;
using Platform.Identity.Development;
using Platform.Identity.Users;

namespace Platform.Identity;

internal static class IdentityStartup
{
    /// <summary>
    /// Before the first request: the first-party clients exist everywhere, the demo organization only in
    /// Development. Both are idempotent, so every replica may run them.
    /// </summary>
    public static async Task PrepareIdentityAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await FirstPartyClients.RegisterAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), app.Configuration, app.Lifetime.ApplicationStopping);
        if (app.Environment.IsDevelopment())
        {
            await DevelopmentSeed.SeedAsync(
                scope.ServiceProvider.GetRequiredService<IdentityDataContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>(),
                app.Lifetime.ApplicationStopping);
        }
    }
}
