using HealthChecks.NpgSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.AppHost.Infrastructure;

public static class LocalPostgresExtensions
{
    public const string PortConfigurationKey = "LocalInfrastructure:PostgresPort";
    private const int DefaultPort = 54329;

    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var binary = ServerBinary.Postgres(builder.Configuration[ServerBinary.PostgresConfigurationKey], Environment.GetEnvironmentVariable("PATH"));
        var folder = Path.Combine(dataRoot, "postgres");
        var password = new ParameterResource(
            $"{name}-password", _ => StoredSecret.ReadOrCreate(Path.Combine(dataRoot, "postgres.password")), secret: true);
        var runningAsRoot = LocalUser.IsRoot;
        var postgresPath = binary.Path ?? binary.Name;
        var (command, prefix) = PostgresCommandLine.AsServiceUser(runningAsRoot, postgresPath, PostgresCommandLine.ServerArguments(Path.Combine(folder, "data")));

        var server = new LocalPostgresServerResource(name, command, folder, password);
        var healthCheckKey = $"{name}_check";
        ConnectionHealthCheck.Add(builder, healthCheckKey, server, connectionString => new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString)));

        var resource = builder.AddResource(server)
            .WithEndpoint(LocalPostgresServerResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                // Unproxied: every query and command would otherwise pass through DCP's TCP proxy, which
                // cost half a core under load on this machine.
                endpoint.Port = LocalPort.Choose(builder, PortConfigurationKey, DefaultPort, name);
                endpoint.TargetPort = endpoint.Port;
                endpoint.IsProxied = false;
            })
            .WithArgs(context =>
            {
                foreach (var argument in prefix)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database")
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            if (!binary.Found)
            {
                log.LogError("{Message}", binary.MissingMessage);
                throw new DistributedApplicationException(binary.MissingMessage);
            }

            await LocalPostgresCluster.EnsureInitializedAsync(server, postgresPath, runningAsRoot, log, cancellationToken);
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new DistributedApplicationException($"{name} has no connection string.");
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            foreach (var database in server.Databases)
            {
                await LocalPostgresCluster.EnsureDatabaseAsync(dataSource, database.DatabaseName, cancellationToken);
            }
        });

        // Aspire mirrors a container's state onto its child resources, not an executable's: do it here,
        // so the dashboard shows the databases and WaitFor(database) can see them run.
        builder.Eventing.Subscribe<InitializeResourceEvent>(server, (@event, cancellationToken) =>
        {
            _ = MirrorStateToDatabasesAsync(server, @event.Notifications, cancellationToken);
            return Task.CompletedTask;
        });

        return resource;
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        var healthCheckKey = $"{name}_check";
        ConnectionHealthCheck.Add(server.ApplicationBuilder, healthCheckKey, database, connectionString => new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString)));
        return server.ApplicationBuilder.AddResource(database)
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    private static async Task MirrorStateToDatabasesAsync(
        LocalPostgresServerResource server, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource != server)
                {
                    continue;
                }

                foreach (var database in server.Databases)
                {
                    await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                    {
                        State = update.Snapshot.State,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }
}
