using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.AppHost.Infrastructure;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.AppHost.Tests;

/// <summary>The OS-installed Postgres and Redis, started for real by the AppHost's local infrastructure.</summary>
public sealed class LocalInfrastructureTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataRoot = TestFolders.CreateReachableByPostgres("platform-local-infra-");

    [Fact]
    public async Task Data_survives_a_restart_and_a_taken_port_is_avoided()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using (var app = await StartAsync(cancellationToken))
        {
            await using var database = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("appdb", cancellationToken))!);
            await database.CreateCommand("CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')").ExecuteNonQueryAsync(cancellationToken);
            await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache", cancellationToken))!);
            await redis.GetDatabase().StringSetAsync("note", "kept");
        }

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using (var app = await StartAsync(cancellationToken, "--DcpPublisher:RandomizePorts=false", $"--LocalInfrastructure:PostgresPort={takenPort}", "--LocalInfrastructure:RedisPort=0"))
        {
            await using var database = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("appdb", cancellationToken))!);
            Assert.Equal("kept", await database.CreateCommand("SELECT text FROM notes").ExecuteScalarAsync(cancellationToken));
            await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache", cancellationToken))!);
            Assert.Equal("kept", (string?)await redis.GetDatabase().StringGetAsync("note"));
            Assert.NotEqual(takenPort, app.GetEndpoint("postgres", LocalPostgresServerResource.EndpointName).Port);
        }
    }

    [Fact]
    public async Task A_missing_server_binary_is_reported_on_the_resource_not_crash_looped()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var builder = TestBuilder.Create(
            "--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={_dataRoot}", "--LocalInfrastructure:RedisBinary=/nonexistent/redis-server");
        PlatformInfrastructure.Add(builder, "postgres", "cache");
        await using var app = builder.Build();
        await app.StartAsync(cancellationToken);

        await app.ResourceNotifications.WaitForResourceAsync("cache", KnownResourceStates.FailedToStart, cancellationToken).WaitAsync(StartTimeout, cancellationToken);

        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "cache");
        var logs = new List<string>();
        await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource).WithCancellation(cancellationToken))
        {
            logs.AddRange(batch.Select(line => line.Content));
        }

        Assert.Contains(logs, line => line.Contains("apt-get install redis-server", StringComparison.Ordinal));
    }

    private async Task<DistributedApplication> StartAsync(CancellationToken cancellationToken, params string[] extraArguments)
    {
        var builder = TestBuilder.Create(
            ["--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={_dataRoot}", .. extraArguments]);
        var infrastructure = PlatformInfrastructure.Add(builder, "postgres", "cache");
        infrastructure.AddDatabase("appdb");
        var app = builder.Build();
        await app.StartAsync(cancellationToken);
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            var states = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name).Select(name =>
                app.ResourceNotifications.TryGetCurrentState(name, out var e) ? $"{name}: {e.Snapshot.State?.Text} {e.Snapshot.HealthStatus} {string.Join(",", e.Snapshot.HealthReports.Select(r => r.Name + "=" + r.Status + " " + r.ExceptionText))}" : $"{name}: ?");
            throw new TimeoutException(string.Join("\n", states));
        }
        return app;
    }

    public void Dispose() => TestFolders.DeleteServerData(_dataRoot);
}
