using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.IntegrationTests;

public sealed class MigrationTests(PlatformFixture platform)
{
    [Fact]
    public void The_migration_step_runs_once_to_success_before_the_services_start()
    {
        Assert.Contains("migrations", platform.RunToCompletionResourceNames());
        Assert.True(platform.App.ResourceNotifications.TryGetCurrentState("migrations", out var migrations));
        Assert.Equal(KnownResourceStates.Finished, migrations.Snapshot.State?.Text);
        Assert.Equal(0, migrations.Snapshot.ExitCode);
    }

    [Fact]
    public async Task The_identity_schema_is_in_identitydb()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("identitydb", cancellationToken))!);

        await using var command = database.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users', 'organizations', 'memberships', '__EFMigrationsHistory')");

        Assert.Equal(4L, await command.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task The_identity_service_connects_as_its_own_login_which_owns_no_table()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("identitydb", cancellationToken))!);

        await using var login = database.CreateCommand(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'identitydb_app'");
        Assert.Equal(false, await login.ExecuteScalarAsync(cancellationToken));
        await using var owned = database.CreateCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'identitydb_app'");
        Assert.Equal(0L, await owned.ExecuteScalarAsync(cancellationToken));

        // The connection string the identity service is given logs in as that role.
        await using var service = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("identitydb-app", cancellationToken))!);
        await using var whoAmI = service.CreateCommand("SELECT current_user");
        Assert.Equal("identitydb_app", await whoAmI.ExecuteScalarAsync(cancellationToken));
    }
}
