namespace Platform.AppHost.Infrastructure;

public static class RedisCommandLine
{
    /// <summary>
    /// The server's configuration, written to a private file so the password never shows on a command
    /// line or in the dashboard. Append-only persistence (and no snapshots) so a restart keeps streams;
    /// a stop signal always ends the server, even if its folder is gone (Redis otherwise refuses to
    /// exit when its last save fails, and lives on as an orphan); loopback only; nothing read from a
    /// system Redis's own configuration.
    /// </summary>
    public static string ConfigurationFile(string folder, string password) => string.Join('\n',
    [
        "bind 127.0.0.1",
        $"dir \"{folder}\"",
        "appendonly yes",
        "appendfsync everysec",
        "save \"\"",
        "shutdown-on-sigterm force",
        "shutdown-on-sigint force",
        $"requirepass {password}",
        "protected-mode yes",
        "daemonize no",
        "logfile \"\"",
        "",
    ]);

    /// <summary>The port is appended by the AppHost once it is allocated.</summary>
    public static IReadOnlyList<string> ServerArguments(string configurationFile) => [configurationFile];
}
