using Platform.Webhooks.Data;

namespace Microsoft.Extensions.Hosting;

public static class WebhooksDataExtensions
{
    /// <summary>The database named <c>webhooksdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "webhooksdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddWebhooksData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<WebhooksDbContext>(ConnectionName);
}
