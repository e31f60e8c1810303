using Platform.Data;

namespace Platform.Webhooks.Data;

internal sealed class WebhooksDesignTimeFactory : DesignTimeFactory<WebhooksDbContext>;
