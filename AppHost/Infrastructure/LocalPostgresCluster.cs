using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.AppHost.Infrastructure;

/// <summary>Creates the cluster on first start and the service databases once the server answers.</summary>
internal static class LocalPostgresCluster
{
    public static async Task EnsureInitializedAsync(
        LocalPostgresServerResource server, string postgresPath, bool runningAsRoot, ILogger log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(server.Folder);
        if (runningAsRoot)
        {
            await ProcessRunner.RunAsync("chown", [$"{PostgresCommandLine.ServiceUser}:{PostgresCommandLine.ServiceUser}", server.Folder], log, cancellationToken);
        }

        if (File.Exists(Path.Combine(server.ClusterFolder, "PG_VERSION")))
        {
            log.LogInformation("Using the existing cluster in {Folder}.", server.ClusterFolder);
            return;
        }

        log.LogInformation("Creating a new cluster in {Folder}.", server.ClusterFolder);
        var password = await server.Password.GetValueAsync(cancellationToken);
        var passwordFile = Path.Combine(server.Folder, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (runningAsRoot)
            {
                await ProcessRunner.RunAsync("chown", [PostgresCommandLine.ServiceUser, passwordFile], log, cancellationToken);
            }

            var (command, arguments) = PostgresCommandLine.AsServiceUser(
                runningAsRoot,
                PostgresCommandLine.InitDbPath(postgresPath),
                PostgresCommandLine.InitDbArguments(server.ClusterFolder, passwordFile));
            await ProcessRunner.RunAsync(command, arguments, log, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public static async Task EnsureDatabaseAsync(NpgsqlDataSource dataSource, string databaseName, CancellationToken cancellationToken)
    {
        await using var exists = dataSource.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
        exists.Parameters.Add(new NpgsqlParameter { Value = databaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quotedName = new NpgsqlCommandBuilder().QuoteIdentifier(databaseName);
        await using var create = dataSource.CreateCommand($"CREATE DATABASE {quotedName}");
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another AppHost created it between the check and the create.
        }
    }
}
