using Platform.Analytics.Data;

namespace Microsoft.Extensions.Hosting;

public static class AnalyticsDataExtensions
{
    /// <summary>The database named <c>analyticsdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "analyticsdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddAnalyticsData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<AnalyticsDbContext>(ConnectionName);
}
