using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Data;

/// <summary>
/// Row-level security for tenant-owned tables: the last line of defence, so a query that forgets its
/// filter still cannot see another organization's rows.
/// </summary>
public static class TenantIsolation
{
    public const string Column = "organization_id";
    public const string PolicyName = "tenant_isolation";

    /// <summary>
    /// FORCE applies the policy to the table's owner too; the policy compares with the connection's
    /// organization, and an unset or empty setting matches nothing.
    /// </summary>
    public static string EnableSql(string table) => $"""
        ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
        ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;
        CREATE POLICY {PolicyName} ON "{table}"
            USING ({Column} = nullif(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid)
            WITH CHECK ({Column} = nullif(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid);
        """;

    public static string DisableSql(string table) => $"""
        DROP POLICY IF EXISTS {PolicyName} ON "{table}";
        ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY;
        """;

    /// <summary>For a migration's Up: <c>migrationBuilder.EnableTenantIsolation("tasks")</c>.</summary>
    public static MigrationBuilder EnableTenantIsolation(this MigrationBuilder migration, string table)
    {
        migration.Sql(EnableSql(table));
        return migration;
    }

    public static MigrationBuilder DisableTenantIsolation(this MigrationBuilder migration, string table)
    {
        migration.Sql(DisableSql(table));
        return migration;
    }
}
