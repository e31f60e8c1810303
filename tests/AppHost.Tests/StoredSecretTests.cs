using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public sealed class StoredSecretTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stored-secret-").FullName;

    [Fact]
    public void A_secret_is_created_once_and_read_back_unchanged()
    {
        var path = Path.Combine(_folder, "nested", "postgres.password");

        var first = StoredSecret.ReadOrCreate(path);
        var second = StoredSecret.ReadOrCreate(path);

        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
        Assert.True(first.All(char.IsAsciiLetterOrDigit));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Only_the_owner_can_read_the_secret()
    {
        var path = Path.Combine(_folder, "redis.password");

        StoredSecret.ReadOrCreate(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
