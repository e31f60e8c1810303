using Npgsql;

namespace Platform.Data.Tests;

/// <summary>Raw SQL on the service's own login: the policies hold whatever the query says.</summary>
public sealed class RowLevelSecurityTests(TenantDatabaseFixture database)
{
    private readonly Guid _organizationA = Guid.NewGuid();
    private readonly Guid _organizationB = Guid.NewGuid();

    [Fact]
    public async Task A_login_granted_the_applications_role_takes_it_on_connecting_and_is_held_by_the_same_policies()
    {
        // As a Cloud SQL IAM user would: a login of its own, granted the role, connecting with Options=-c role=….
        const string Member = "platform-notes@project.iam";
        await using (var create = database.Owner.CreateCommand($"DROP ROLE IF EXISTS \"{Member}\"; CREATE ROLE \"{Member}\" LOGIN PASSWORD 'member-password'; " +
            "INSERT INTO notes (organization_id, text) VALUES (gen_random_uuid(), 'not for a session without an organization')"))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await ApplicationRole.GrantToAsync(database.Owner, ApplicationRole.NameFor(TenantDatabaseFixture.Database), Member, TestContext.Current.CancellationToken);
        var connection = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString)
        {
            Username = Member,
            Password = "member-password",
            Options = $"-c role={ApplicationRole.NameFor(TenantDatabaseFixture.Database)}",
        };
        await using var member = NpgsqlDataSource.Create(connection.ConnectionString);

        await using var who = member.CreateCommand("SELECT current_user, (SELECT count(*) FROM notes)");
        await using var reader = await who.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal((ApplicationRole.NameFor(TenantDatabaseFixture.Database), 0L), (reader.GetString(0), reader.GetInt64(1)));
    }

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
