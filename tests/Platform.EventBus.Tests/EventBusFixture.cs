using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.EventBus.Tests.EventBusFixture))]

namespace Platform.EventBus.Tests;

/// <summary>The AppHost's local Postgres and Redis; each test gets a database of its own (one outbox, one relay) and its own stream prefix.</summary>
public sealed class EventBusFixture : IAsyncLifetime
{
    private LocalServers? _servers;
    private string? _postgres;

    public LocalServers Servers => _servers!;

    public string Redis { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync(["eventbusdb"], cancellation);
        _postgres = await _servers.ConnectionStringAsync("eventbusdb", cancellation);
        Redis = await _servers.ConnectionStringAsync("cache", cancellation);
    }

    /// <summary>A fresh database with the outbox, inbox and test tables.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"eventbus_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_postgres) { Database = name }.ConnectionString;
        await using var context = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).Options);
        await context.Database.EnsureCreatedAsync();
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
