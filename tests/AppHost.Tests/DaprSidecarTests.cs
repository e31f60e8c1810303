using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.AppHost.Events;
using Platform.AppHost.Infrastructure;
using Platform.Testing;

namespace Platform.AppHost.Tests;

public sealed class DaprSidecarTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("daprd-").FullName;

    [Fact]
    public void A_service_gets_a_daprd_sidecar_when_daprd_is_installed()
    {
        var daprd = Path.Combine(_folder, "daprd");
        File.WriteAllText(daprd, "");

        var model = Build($"--{ServerBinary.DaprdConfigurationKey}={daprd}");

        var sidecar = Assert.Single(model.Resources.OfType<ExecutableResource>(), r => r.Name == "notes-dapr");
        Assert.Equal(daprd, sidecar.Command);
        Assert.Contains(sidecar.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource.Name == "notes" && r.Type == "Parent");
        Assert.Contains(model.Resources, r => r.Name == "notes-dapr-app-token");
    }

    [Fact]
    public void Without_daprd_the_service_runs_alone_on_the_redis_transport()
    {
        var model = Build($"--{ServerBinary.DaprdConfigurationKey}={Path.Combine(_folder, "missing-daprd")}");

        Assert.DoesNotContain(model.Resources, r => r.Name == "notes-dapr");
    }

    [Fact]
    public void The_sidecar_components_use_the_graphs_redis_for_pubsub()
    {
        var components = Path.Combine(TestFolders.RepositoryRoot, "AppHost", "dapr", "components");

        var pubsub = File.ReadAllText(Path.Combine(components, "pubsub.yaml"));
        Assert.Contains("type: pubsub.redis", pubsub, StringComparison.Ordinal);
        Assert.Contains("name: pubsub", pubsub, StringComparison.Ordinal);
        Assert.Contains("secretStore: envsecrets", pubsub, StringComparison.Ordinal);
        Assert.Contains("type: secretstores.local.env", File.ReadAllText(Path.Combine(components, "envsecrets.yaml")), StringComparison.Ordinal);
    }

    private DistributedApplicationModel Build(string daprdSetting)
    {
        var builder = TestBuilder.Create(daprdSetting, "--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={_folder}/data");
        var infrastructure = PlatformInfrastructure.Add(builder, "postgres", "cache");
        // Any real project does: the sidecar needs only its http endpoint.
        var project = Path.Combine(TestFolders.RepositoryRoot, "services", "Gateway", "Gateway.csproj");
        builder.AddProject("notes", project).WithDaprSidecar(infrastructure.Cache);
        return new DistributedApplicationModel(builder.Resources);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
