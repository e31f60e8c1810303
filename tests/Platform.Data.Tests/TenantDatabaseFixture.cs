using Npgsql;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.Data.Tests.TenantDatabaseFixture))]

namespace Platform.Data.Tests;

/// <summary>
/// A real Postgres with one tenant-owned table, set up the way a service's migration would (as the
/// owner), and the non-owner login the service would connect with.
/// </summary>
public sealed class TenantDatabaseFixture : IAsyncLifetime
{
    public const string Database = "tenancydb";
    public const string Password = "TestAppPassword42";

    private LocalServers? _servers;

    public NpgsqlDataSource Owner { get; private set; } = null!;

    public NpgsqlDataSource Application { get; private set; } = null!;

    public string ApplicationConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([Database], cancellationToken);
        var ownerConnectionString = await _servers.ConnectionStringAsync(Database, cancellationToken);
        Owner = NpgsqlDataSource.Create(ownerConnectionString);

        await using (var create = Owner.CreateCommand(
            "CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organization_id uuid NOT NULL, text text NOT NULL);" +
            TenantIsolation.EnableSql("notes")))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await ApplicationRole.EnsureAsync(Owner, Database, Password, cancellationToken);
        ApplicationConnectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = ApplicationRole.NameFor(Database),
            Password = Password,
        }.ConnectionString;
        Application = NpgsqlDataSource.Create(ApplicationConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Application.DisposeAsync();
        await Owner.DisposeAsync();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
