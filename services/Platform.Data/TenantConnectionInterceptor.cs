using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Platform.Data;

/// <summary>
/// Tells Postgres which organization a connection works for, each time EF Core opens one, so the
/// row-level security policies (see <see cref="TenantIsolation"/>) filter every statement. Without a
/// tenant the setting is empty and the policies match no row.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantContext tenant) : DbConnectionInterceptor
{
    public const string Setting = "app.current_organization";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = SetOrganization(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = SetOrganization(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand SetOrganization(DbConnection connection)
    {
        var command = new NpgsqlCommand($"SELECT set_config('{Setting}', $1, false)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.OrganizationId?.ToString() ?? "" });
        return command;
    }
}
