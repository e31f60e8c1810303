using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public class PostgresCommandLineTests
{
    [Fact]
    public void As_root_the_server_runs_as_the_postgres_user_through_setpriv()
    {
        var (command, arguments) = PostgresCommandLine.AsServiceUser(runningAsRoot: true, "/usr/lib/postgresql/15/bin/postgres", ["-D", "/data"]);

        Assert.Equal("setpriv", command);
        Assert.Equal(["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "/usr/lib/postgresql/15/bin/postgres", "-D", "/data"], arguments);
    }

    [Fact]
    public void As_an_ordinary_user_the_server_runs_directly()
    {
        var (command, arguments) = PostgresCommandLine.AsServiceUser(runningAsRoot: false, "/usr/bin/postgres", ["-D", "/data"]);

        Assert.Equal("/usr/bin/postgres", command);
        Assert.Equal(["-D", "/data"], arguments);
    }

    [Fact]
    public void The_server_listens_on_loopback_with_its_socket_in_the_cluster_folder()
    {
        var arguments = PostgresCommandLine.ServerArguments("/var/lib/aspire-platform/postgres/data");

        Assert.Equal(["-D", "/var/lib/aspire-platform/postgres/data"], arguments.Take(2));
        Assert.Contains("listen_addresses=127.0.0.1", arguments);
        Assert.Equal("/var/lib/aspire-platform/postgres/data", arguments[arguments.ToList().IndexOf("-k") + 1]);
        Assert.DoesNotContain("-p", arguments); // The port is allocated by the AppHost.
    }

    [Fact]
    public void The_cluster_is_created_with_password_authentication_and_utf8()
    {
        var arguments = PostgresCommandLine.InitDbArguments("/data", "/data/pw");

        Assert.Equal("/data/pw", arguments[arguments.ToList().IndexOf("--pwfile") + 1]);
        Assert.Equal("scram-sha-256", arguments[arguments.ToList().IndexOf("--auth-host") + 1]);
        Assert.Equal("UTF8", arguments[arguments.ToList().IndexOf("--encoding") + 1]);
        Assert.Equal("postgres", arguments[arguments.ToList().IndexOf("--username") + 1]);
    }

    [Fact]
    public void Initdb_is_found_beside_the_server_binary() =>
        Assert.Equal("/usr/lib/postgresql/15/bin/initdb", PostgresCommandLine.InitDbPath("/usr/lib/postgresql/15/bin/postgres"));
}
