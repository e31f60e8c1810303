using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's model without a running database: each service declares
/// <c>internal sealed class XDesignTimeFactory : DesignTimeFactory&lt;XDbContext&gt;;</c> beside its DbContext.
/// </summary>
public abstract class DesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options)!;
}
