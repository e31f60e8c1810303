using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.AppHost.Infrastructure;

/// <summary>Creates the cluster on first start and the service databases once the server answers.</summary>
internal static class LocalPostgresCluster
{
    private static readonly TimeSpan PreviousServerGracePeriod = TimeSpan.FromSeconds(30);

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
            await WaitForPreviousServerToStopAsync(server.ClusterFolder, log, cancellationToken);
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

    /// <summary>
    /// A server from an AppHost that just stopped may still be shutting down on the same folder; starting
    /// beside it would fail on its lock file. Wait for it, and name it if it does not go.
    /// </summary>
    private static async Task WaitForPreviousServerToStopAsync(string clusterFolder, ILogger log, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(clusterFolder, "postmaster.pid");
        var deadline = DateTime.UtcNow + PreviousServerGracePeriod;
        while (RunningServerProcess(lockFile) is { } processId)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new DistributedApplicationException(
                    $"Another PostgreSQL server (process {processId}) is still using {clusterFolder}; stop it, then restart this resource.");
            }

            log.LogInformation("Waiting for the previous server (process {ProcessId}) to release {Folder}.", processId, clusterFolder);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>The first line of postmaster.pid is the server's process id; a stale file (process gone) is harmless.</summary>
    private static int? RunningServerProcess(string lockFile)
    {
        try
        {
            var firstLine = File.ReadLines(lockFile).FirstOrDefault();
            return int.TryParse(firstLine, out var processId) && Directory.Exists($"/proc/{processId}") ? processId : null;
        }
        catch (IOException)
        {
            return null; // No lock file: nothing is running.
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
