using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public sealed class ServerBinaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("server-binary-").FullName;

    [Fact]
    public void A_binary_on_path_is_found()
    {
        var program = Path.Combine(_folder, "redis-server");
        File.WriteAllText(program, "");

        var binary = ServerBinary.Redis(configuredPath: null, $"/nonexistent{Path.PathSeparator}{_folder}");

        Assert.True(binary.Found);
        Assert.Equal(program, binary.Path);
    }

    [Fact]
    public void A_missing_binary_names_the_package_to_install()
    {
        var binary = ServerBinary.Redis(configuredPath: null, _folder);

        Assert.False(binary.Found);
        Assert.Contains("apt-get install redis-server", binary.MissingMessage, StringComparison.Ordinal);
        Assert.Contains("'redis-server'", binary.MissingMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_path_is_used_alone()
    {
        var onPath = Path.Combine(_folder, "postgres");
        File.WriteAllText(onPath, "");

        Assert.False(ServerBinary.Postgres("/nonexistent/postgres", _folder).Found);
        Assert.Equal(onPath, ServerBinary.Postgres(onPath, "/usr/bin").Path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
