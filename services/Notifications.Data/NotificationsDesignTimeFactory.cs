using Platform.Data;

namespace Platform.Notifications.Data;

internal sealed class NotificationsDesignTimeFactory : DesignTimeFactory<NotificationsDbContext>;
