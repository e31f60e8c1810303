using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.AppHost.Infrastructure;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>A service must not be able to tell local servers from the container integrations.</summary>
public class ConnectionStringShapeTests
{
    [Fact]
    public void Local_and_container_postgres_databases_have_the_same_connection_string_and_properties()
    {
        var local = Database(InfrastructureMode.Local);
        var container = Database(InfrastructureMode.Containers);

        Assert.Equal(container.ConnectionStringExpression.ValueExpression, local.ConnectionStringExpression.ValueExpression);
        Assert.Equal(PropertyNames(container), PropertyNames(local));
    }

    [Fact]
    public void Local_redis_has_the_container_connection_string_without_tls()
    {
        var local = Infrastructure(InfrastructureMode.Local).Cache.Resource;
        var container = Infrastructure(InfrastructureMode.Containers).Cache.Resource;

        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}", local.ConnectionStringExpression.ValueExpression);
        Assert.StartsWith(local.ConnectionStringExpression.ValueExpression, container.ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
        Assert.Equal(PropertyNames(container), PropertyNames(local));
    }

    [Fact]
    public void Configuration_forces_the_mode_and_a_wrong_value_is_named()
    {
        Assert.Equal(InfrastructureMode.Local, Infrastructure(InfrastructureMode.Local).Mode);

        var builder = TestBuilder.Create("--Infrastructure:Mode=Kubernetes");
        var error = Assert.Throws<DistributedApplicationException>(() => InfrastructureModeSelector.Resolve(builder));
        Assert.Contains("'Kubernetes'", error.Message, StringComparison.Ordinal);
    }

    private static IResourceWithConnectionString Database(InfrastructureMode mode) =>
        Infrastructure(mode).AddDatabase("appdb").Resource;

    private static PlatformInfrastructure Infrastructure(InfrastructureMode mode)
    {
        var builder = TestBuilder.Create(
            $"--Infrastructure:Mode={mode}", $"--LocalInfrastructure:DataRoot={Path.GetTempPath()}/unused-platform-data");
        return PlatformInfrastructure.Add(builder, "postgres", "cache");
    }

    private static string[] PropertyNames(IResourceWithConnectionString resource) =>
        [.. resource.GetConnectionProperties().Select(property => property.Key).Order(StringComparer.Ordinal)];
}
