using Platform.Collaboration.Data;

namespace Microsoft.Extensions.Hosting;

public static class CollaborationDataExtensions
{
    /// <summary>The database named <c>collabdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "collabdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security) and every commit wakes the outbox relay.</summary>
    public static IHostApplicationBuilder AddCollaborationData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<CollaborationDbContext>(ConnectionName);
}
