using Npgsql;

namespace Platform.Data.Tests;

/// <summary>Raw SQL on the service's own login: the policies hold whatever the query says.</summary>
public sealed class RowLevelSecurityTests(TenantDatabaseFixture database)
{
    private readonly Guid _organizationA = Guid.NewGuid();
    private readonly Guid _organizationB = Guid.NewGuid();

    [Fact]
    public async Task Without_an_organization_set_no_row_is_visible()
    {
        await SeedAsync();
        await using var connection = await database.Application.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM notes WHERE organization_id IN ('{_organizationA}', '{_organizationB}')"));
    }

    [Fact]
    public async Task With_an_organization_set_only_its_rows_are_visible_even_without_a_filter()
    {
        await SeedAsync();
        await using var connection = await database.Application.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await SetOrganizationAsync(connection, _organizationA);

        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM notes"));
        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM notes WHERE organization_id = '{_organizationB}'"));
    }

    [Fact]
    public async Task Writing_a_row_for_another_organization_is_refused()
    {
        await using var connection = await database.Application.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await SetOrganizationAsync(connection, _organizationA);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ScalarAsync(connection, $"INSERT INTO notes (organization_id, text) VALUES ('{_organizationB}', 'smuggled')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Another_organizations_rows_can_be_neither_updated_nor_deleted()
    {
        await SeedAsync();
        await using var connection = await database.Application.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await SetOrganizationAsync(connection, _organizationA);

        await ScalarAsync(connection, $"UPDATE notes SET text = 'changed' WHERE organization_id = '{_organizationB}'");
        await ScalarAsync(connection, $"DELETE FROM notes WHERE organization_id = '{_organizationB}'");

        // The owner here is a superuser, which row-level security never filters.
        await using var owner = await database.Owner.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1L, await ScalarAsync(owner, $"SELECT count(*) FROM notes WHERE organization_id = '{_organizationB}' AND text = 'b1'"));
    }

    [Fact]
    public async Task The_service_login_cannot_switch_the_policy_off()
    {
        await using var connection = await database.Application.OpenConnectionAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "ALTER TABLE notes DISABLE ROW LEVEL SECURITY"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private async Task SeedAsync()
    {
        await using var owner = await database.Owner.OpenConnectionAsync(TestContext.Current.CancellationToken);
        foreach (var (organization, text) in new[] { (_organizationA, "a1"), (_organizationA, "a2"), (_organizationB, "b1") })
        {
            await ScalarAsync(owner, $"INSERT INTO notes (organization_id, text) VALUES ('{organization}', '{text}')");
        }
    }

    private static async Task SetOrganizationAsync(NpgsqlConnection connection, Guid organization) =>
        await ScalarAsync(connection, $"SELECT set_config('{TenantConnectionInterceptor.Setting}', '{organization}', false)");

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
