using Npgsql;

namespace Platform.Data;

/// <summary>
/// The login a service connects with: it may read and write rows but owns no table, so it can neither
/// change a policy nor escape one (only owners and superusers can). The migration step, connected as
/// the owner, creates it and keeps its password and grants current.
/// </summary>
public static class ApplicationRole
{
    public static string NameFor(string database) => $"{database}_app";

    public static async Task EnsureAsync(NpgsqlDataSource owner, string database, string password, CancellationToken cancellationToken)
    {
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(NameFor(database));
        var quotedDatabase = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        // Role names and passwords cannot be bound as parameters in DDL, so they are quoted here.
        await using var batch = owner.CreateBatch();
        batch.BatchCommands.Add(new($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(NameFor(database))}) THEN
                    CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                END IF;
            END $$;
            """));
        batch.BatchCommands.Add(new($"ALTER ROLE {role} WITH LOGIN NOBYPASSRLS PASSWORD {Literal(password)}"));
        // Every login may connect to every database unless PUBLIC's right is taken away: then each service's
        // logins reach their own database only.
        batch.BatchCommands.Add(new($"REVOKE CONNECT ON DATABASE {quotedDatabase} FROM PUBLIC"));
        batch.BatchCommands.Add(new($"GRANT CONNECT ON DATABASE {quotedDatabase} TO {role}"));
        batch.BatchCommands.Add(new($"GRANT USAGE ON SCHEMA public TO {role}"));
        batch.BatchCommands.Add(new($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"));
        batch.BatchCommands.Add(new($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"));
        batch.BatchCommands.Add(new($"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}"));
        batch.BatchCommands.Add(new($"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lets <paramref name="member"/>, a login the platform does not manage (a Cloud SQL IAM user, which signs in with
    /// its Google identity instead of a password), act as <paramref name="role"/>: it connects as itself and takes the
    /// role at once (Npgsql's <c>Options=-c role=…</c>), so row-level security holds for it as for the role's own login.
    /// </summary>
    public static async Task GrantToAsync(NpgsqlDataSource owner, string role, string member, CancellationToken cancellationToken)
    {
        var quote = new NpgsqlCommandBuilder();
        await using var grant = owner.CreateCommand($"GRANT {quote.QuoteIdentifier(role)} TO {quote.QuoteIdentifier(member)}");
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A string literal for DDL, where values cannot be bound as parameters.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
