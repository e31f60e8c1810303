namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The stable per-user folder that holds local Postgres and Redis data, so stopping and starting
/// the AppHost keeps everything. Configurable through <c>LocalInfrastructure:DataRoot</c>.
/// </summary>
public static class LocalDataFolder
{
    public const string ConfigurationKey = "LocalInfrastructure:DataRoot";
    private const string FolderName = "aspire-platform";

    public static string Resolve(string? configured, bool runningAsRoot, string? xdgDataHome, string userHome)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        // Root's home is closed to the postgres user that the server must run as.
        if (runningAsRoot)
        {
            return Path.Combine("/var/lib", FolderName);
        }

        var dataHome = string.IsNullOrWhiteSpace(xdgDataHome) ? Path.Combine(userHome, ".local", "share") : xdgDataHome;
        return Path.Combine(dataHome, FolderName);
    }

    public static string Resolve(IDistributedApplicationBuilder builder) => Resolve(
        builder.Configuration[ConfigurationKey],
        LocalUser.IsRoot,
        Environment.GetEnvironmentVariable("XDG_DATA_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
