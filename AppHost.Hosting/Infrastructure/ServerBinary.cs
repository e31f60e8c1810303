namespace Platform.AppHost.Infrastructure;

/// <summary>Finds an OS-installed server program, or says exactly what to install.</summary>
public sealed record ServerBinary(string Name, string? Path, string InstallHint)
{
    public const string PostgresConfigurationKey = "LocalInfrastructure:PostgresBinary";
    public const string RedisConfigurationKey = "LocalInfrastructure:RedisBinary";
    public const string DaprdConfigurationKey = "LocalInfrastructure:DaprdBinary";

    public bool Found => Path is not null;

    public string MissingMessage =>
        $"The '{Name}' server binary was not found (a configured path, else PATH{(Name == "postgres" ? " and /usr/lib/postgresql/*/bin" : "")}). " +
        $"Install it ({InstallHint}) or start a container runtime; the README's run command installs it when run as root.";

    /// <summary>A configured path is used alone; otherwise PATH, then Debian's versioned folders (15 or newer).</summary>
    public static ServerBinary Postgres(string? configuredPath, string? pathVariable) => new(
        "postgres",
        string.IsNullOrWhiteSpace(configuredPath)
            ? FindOnPath("postgres", pathVariable) ?? NewestDebianPostgres()
            : ExistingOrNull(configuredPath),
        "apt-get install postgresql-15");

    public static ServerBinary Redis(string? configuredPath, string? pathVariable) => new(
        "redis-server",
        string.IsNullOrWhiteSpace(configuredPath) ? FindOnPath("redis-server", pathVariable) : ExistingOrNull(configuredPath),
        "apt-get install redis-server");

    /// <summary>The Dapr sidecar; optional: without it services use the Redis Streams transport.</summary>
    public static ServerBinary Daprd(string? configuredPath, string? pathVariable) => new(
        "daprd",
        string.IsNullOrWhiteSpace(configuredPath) ? FindOnPath("daprd", pathVariable) : ExistingOrNull(configuredPath),
        "dapr init --slim");

    private static string? ExistingOrNull(string path) => File.Exists(path) ? path : null;

    private static string? FindOnPath(string program, string? pathVariable) =>
        (pathVariable ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Debian keeps server binaries off PATH, one folder per major version.</summary>
    private static string? NewestDebianPostgres()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(folder => (Folder: folder, Version: int.TryParse(System.IO.Path.GetFileName(folder), out var v) ? v : 0))
            .Where(candidate => candidate.Version >= 15)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => System.IO.Path.Combine(candidate.Folder, "bin", "postgres"))
            .FirstOrDefault(File.Exists);
    }
}
