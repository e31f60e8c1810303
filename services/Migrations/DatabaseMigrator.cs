using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Platform.Migrations;

internal sealed class DatabaseMigrator(IServiceProvider services)
{
    private static readonly ActivitySource Activity = new("Platform.Migrations");

    public async Task MigrateAsync<TContext>(CancellationToken cancellationToken)
        where TContext : DbContext
    {
        using var activity = Activity.StartActivity($"migrate {typeof(TContext).Name}");
        var logger = services.GetRequiredService<ILogger<DatabaseMigrator>>();
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("{Context}: {Count} pending migration(s) {Migrations}", typeof(TContext).Name, pending.Count, pending);
        // MigrateAsync takes a database lock, so two migrators (say, two AppHosts) never interleave.
        await context.Database.MigrateAsync(cancellationToken);
        activity?.SetTag("migrations.applied", pending.Count);
    }
}
