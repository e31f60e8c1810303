using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Platform.Data;

namespace Platform.EventBus.Outbox;

/// <summary>
/// The outbox holds whole events (task titles, document texts), so it is under row-level security like any tenant
/// table: the service's own login sees and writes only the rows of the organization its connection is in. The relay
/// publishes every organization's events, so it connects as a login of its own, <c>{database}_relay</c>, which one
/// more policy lets read and mark every row, and which may touch no other table.
/// </summary>
public static class OutboxIsolation
{
    public const string RelayPolicyName = "relay_reads_every_organization";

    /// <summary>The relay's login in the connected database (its name follows the database's, like the app login's).</summary>
    private const string RelayRoleSql = "current_database() || '_relay'";

    public static string RelayRoleFor(string database) => $"{database}_relay";

    /// <summary>
    /// For a migration's Up. Creates the relay's role without a login if it is new (a policy must name an existing
    /// role); the migration step then gives it its login and password (<see cref="EnsureRelayLoginAsync"/>).
    /// </summary>
    public static MigrationBuilder EnableOutboxIsolation(this MigrationBuilder migration)
    {
        migration.EnableTenantIsolation("outbox_messages");
        migration.Sql($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {RelayRoleSql}) THEN
                    EXECUTE format('CREATE ROLE %I NOLOGIN', {RelayRoleSql});
                END IF;
                EXECUTE format('CREATE POLICY {RelayPolicyName} ON outbox_messages TO %I USING (true)', {RelayRoleSql});
            END $$;
            """);
        return migration;
    }

    public static MigrationBuilder DisableOutboxIsolation(this MigrationBuilder migration)
    {
        migration.Sql($"DROP POLICY IF EXISTS {RelayPolicyName} ON outbox_messages;");
        migration.DisableTenantIsolation("outbox_messages");
        return migration;
    }

    /// <summary>
    /// Whether the database's outbox is under row-level security (<see cref="EnableOutboxIsolation"/>): a service that is
    /// not tenant-scoped (identity) keeps its outbox open to its own login, which relays it, and has no relay login.
    /// </summary>
    public static async Task<bool> IsEnabledAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT coalesce((SELECT relforcerowsecurity FROM pg_class WHERE relname = 'outbox_messages' AND relkind = 'r'), false)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Run by the migration step, as the owner, after the migrations: the relay logs in with the current password and
    /// may read, mark and delete outbox rows, nothing else.
    /// </summary>
    public static async Task EnsureRelayLoginAsync(NpgsqlDataSource owner, string database, string password, CancellationToken cancellationToken)
    {
        var quote = new NpgsqlCommandBuilder();
        var role = quote.QuoteIdentifier(RelayRoleFor(database));
        await using var batch = owner.CreateBatch();
        // Role names and passwords cannot be bound as parameters in DDL, so they are quoted here.
        batch.BatchCommands.Add(new($"ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD {ApplicationRole.Literal(password)}"));
        batch.BatchCommands.Add(new($"GRANT CONNECT ON DATABASE {quote.QuoteIdentifier(database)} TO {role}"));
        batch.BatchCommands.Add(new($"GRANT USAGE ON SCHEMA public TO {role}"));
        batch.BatchCommands.Add(new($"GRANT SELECT, UPDATE, DELETE ON outbox_messages TO {role}"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
