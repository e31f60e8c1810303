namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The command lines that initialise and run a local PostgreSQL cluster. Postgres refuses to run as
/// root, so as root every command runs as the <c>postgres</c> user through <c>setpriv</c>, which
/// execs (no extra process between the AppHost and the server, so stopping the resource stops the server).
/// </summary>
public static class PostgresCommandLine
{
    public const string ServiceUser = "postgres";

    public static (string Command, IReadOnlyList<string> Arguments) AsServiceUser(bool runningAsRoot, string program, IEnumerable<string> arguments) =>
        runningAsRoot
            ? ("setpriv", [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", program, .. arguments])
            : (program, [.. arguments]);

    public static IReadOnlyList<string> InitDbArguments(string clusterFolder, string passwordFile) =>
    [
        "--pgdata", clusterFolder,
        "--username", LocalPostgresServerResource.UserName,
        "--pwfile", passwordFile,
        "--auth-host", "scram-sha-256",
        "--auth-local", "scram-sha-256",
        "--encoding", "UTF8",
        "--locale", "C.UTF-8",
    ];

    /// <summary>Everything but the port, which the AppHost allocates and appends as <c>-p</c>.</summary>
    public static IReadOnlyList<string> ServerArguments(string clusterFolder) =>
    [
        "-D", clusterFolder,
        // Loopback only, and the socket in the cluster folder rather than /var/run, which may belong to a system server.
        "-c", "listen_addresses=127.0.0.1",
        "-k", clusterFolder,
        "-c", "max_connections=300",
    ];

    /// <summary>initdb sits beside postgres (Debian keeps both in /usr/lib/postgresql/N/bin).</summary>
    public static string InitDbPath(string postgresPath) =>
        Path.Combine(Path.GetDirectoryName(postgresPath) ?? "", "initdb");
}
