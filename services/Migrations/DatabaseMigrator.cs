using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Data;
using Platform.EventBus.Outbox;

namespace Platform.Migrations;

internal sealed class DatabaseMigrator(IServiceProvider services, IConfiguration configuration)
{
    private static readonly ActivitySource Activity = new("Platform.Migrations");

    /// <summary>
    /// Brings the schema up to date as the owner, then (re)creates the service's own login with the
    /// current password and grants, so the service never connects as the owner; where the service signs in with its
    /// cloud identity instead (<c>Postgres:IamMembers:{database}</c>), that identity is granted the login's roles.
    /// </summary>
    public async Task MigrateAsync<TContext>(string database, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        using var activity = Activity.StartActivity($"migrate {database}");
        var logger = services.GetRequiredService<ILogger<DatabaseMigrator>>();
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("{Database}: {Count} pending migration(s) {Migrations}", database, pending.Count, pending);
        // MigrateAsync takes a database lock, so two migrators (say, two AppHosts) never interleave.
        await context.Database.MigrateAsync(cancellationToken);
        activity?.SetTag("migrations.applied", pending.Count);

        await using var owner = NpgsqlDataSource.Create(context.Database.GetConnectionString()!);
        await ApplicationRole.EnsureAsync(owner, database, Password("ApplicationPassword"), cancellationToken);
        logger.LogInformation("{Database}: login {Role} is current", database, ApplicationRole.NameFor(database));
        var roles = new List<string> { ApplicationRole.NameFor(database) };
        if (context.Model.FindEntityType(typeof(OutboxMessage)) is not null && await OutboxIsolation.IsEnabledAsync(owner, cancellationToken))
        {
            await OutboxIsolation.EnsureRelayLoginAsync(owner, database, Password("RelayPassword"), cancellationToken);
            logger.LogInformation("{Database}: login {Role} is current", database, OutboxIsolation.RelayRoleFor(database));
            roles.Add(OutboxIsolation.RelayRoleFor(database));
        }
        // In a cloud where the service signs in as itself (a Cloud SQL IAM user), it takes these roles on connecting.
        if (configuration[$"Postgres:IamMembers:{database}"] is { Length: > 0 } member)
        {
            foreach (var role in roles)
            {
                await ApplicationRole.GrantToAsync(owner, role, member, cancellationToken);
            }
            logger.LogInformation("{Database}: {Member} may act as {Roles}", database, member, roles);
        }
    }

    private string Password(string name) =>
        configuration[$"Postgres:{name}"] ?? throw new InvalidOperationException($"Postgres:{name} is not set; the AppHost sets it.");
}
