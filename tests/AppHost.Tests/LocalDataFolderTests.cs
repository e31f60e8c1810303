using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public class LocalDataFolderTests
{
    [Fact]
    public void Configured_folder_wins() =>
        Assert.Equal("/srv/platform", LocalDataFolder.Resolve("/srv/platform", runningAsRoot: true, "/xdg", "/home/ada"));

    [Fact]
    public void Root_uses_a_folder_the_postgres_user_can_reach() =>
        Assert.Equal("/var/lib/aspire-platform", LocalDataFolder.Resolve(null, runningAsRoot: true, null, "/root"));

    [Fact]
    public void An_ordinary_user_gets_a_folder_under_their_data_home()
    {
        Assert.Equal("/xdg/aspire-platform", LocalDataFolder.Resolve(null, runningAsRoot: false, "/xdg", "/home/ada"));
        Assert.Equal("/home/ada/.local/share/aspire-platform", LocalDataFolder.Resolve("", runningAsRoot: false, null, "/home/ada"));
    }
}
