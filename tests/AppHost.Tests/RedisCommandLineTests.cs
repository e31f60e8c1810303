using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public class RedisCommandLineTests
{
    [Fact]
    public void The_password_is_in_the_private_configuration_file_not_on_the_command_line()
    {
        var configuration = RedisCommandLine.ConfigurationFile("/data/redis", "s3cret");
        var arguments = RedisCommandLine.ServerArguments("/data/redis/redis.conf");

        Assert.Contains("requirepass s3cret", configuration.Split('\n'));
        Assert.DoesNotContain(arguments, argument => argument.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_persists_to_its_folder_and_listens_on_loopback_only()
    {
        var lines = RedisCommandLine.ConfigurationFile("/data/redis", "pw").Split('\n');

        Assert.Contains("dir \"/data/redis\"", lines);
        Assert.Contains("appendonly yes", lines);
        Assert.Contains("bind 127.0.0.1", lines);
    }
}
