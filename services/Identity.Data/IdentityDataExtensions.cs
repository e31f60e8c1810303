using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;

namespace Microsoft.Extensions.Hosting;

public static class IdentityDataExtensions
{
    /// <summary>The database named <c>identitydb</c> in the AppHost; also used by the migration step.</summary>
    public const string ConnectionName = "identitydb";

    public static IHostApplicationBuilder AddIdentityData(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IdentityDataContext>(ConnectionName,
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        return builder;
    }
}
