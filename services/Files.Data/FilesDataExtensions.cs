using Platform.Files.Data;

namespace Microsoft.Extensions.Hosting;

public static class FilesDataExtensions
{
    /// <summary>The database named <c>filesdb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "filesdb";

    /// <summary>The service's DbContext: every connection carries the caller's organization (row-level security).</summary>
    public static IHostApplicationBuilder AddFilesData(this IHostApplicationBuilder builder) => builder.AddTenantDbContext<FilesDbContext>(ConnectionName);
}
