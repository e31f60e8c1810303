using Platform.Notifications.Data;

namespace Microsoft.Extensions.Hosting;

public static class NotificationsDataExtensions
{
    /// <summary>The database named <c>notificationsdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "notificationsdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddNotificationsData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<NotificationsDbContext>(ConnectionName);
}
