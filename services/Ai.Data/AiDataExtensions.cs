using Platform.Ai.Data;

namespace Microsoft.Extensions.Hosting;

public static class AiDataExtensions
{
    /// <summary>The database named <c>aidb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "aidb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddAiData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<AiDbContext>(ConnectionName);
}
