using k8s.Models;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>deploy/k8s is what the generator writes from the committed AppHost manifest, and the generator maps the manifest's environment as it says.</summary>
public sealed class GeneratorTests
{
    private static readonly AspireManifest Manifest = AspireManifest.Load(Path.Combine(TestFolders.RepositoryRoot, "aspire-manifest", "aspire-manifest.json"));

    [Fact]
    public void The_committed_manifests_are_what_the_generator_writes()
    {
        var generated = KubernetesManifests.Generate(Manifest);
        var root = Rendered.Folder("");
        var committed = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText);

        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal), committed.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in generated)
        {
            Assert.True(content == committed[path], $"deploy/k8s/{path} is out of date; regenerate it with scripts/publish-manifest.sh.");
        }
    }

    [Fact]
    public void Every_service_of_the_AppHost_has_a_profile_and_every_profile_a_service()
    {
        Assert.Equal(
            Manifest.Projects.Select(p => p.Name).Where(n => n != ServiceProfile.Migrations).Order(StringComparer.Ordinal),
            ServiceProfile.All.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Addresses_become_the_clusters_names_and_credentials_come_from_the_services_secret()
    {
        var analytics = EnvironmentMapping.Map(Manifest.Projects.Single(p => p.Name == "analytics"), Manifest).ToDictionary(e => e.Name);

        Assert.Equal("http://identity", analytics["Identity__Authority"].Value);
        Assert.Equal("8080", analytics["HTTP_PORTS"].Value);
        // TLS ends at the edge: inside the cluster there is no https address to give.
        Assert.DoesNotContain("services__identity__https__0", analytics.Keys);
        foreach (var secret in new[] { "ConnectionStrings__analyticsdb", "EventBus__RelayConnectionString", "ConnectionStrings__cache", "CACHE_PASSWORD" })
        {
            Assert.Null(analytics[secret].Value);
            Assert.Equal(("analytics-secrets", secret), (analytics[secret].ValueFrom.SecretKeyRef.Name, analytics[secret].ValueFrom.SecretKeyRef.Key));
        }

        var gateway = EnvironmentMapping.Map(Manifest.Projects.Single(p => p.Name == "gateway"), Manifest).ToDictionary(e => e.Name);
        Assert.Equal(("platform-settings", "gateway-public-hosts"),
            (gateway["Gateway__PublicHosts"].ValueFrom.ConfigMapKeyRef.Name, gateway["Gateway__PublicHosts"].ValueFrom.ConfigMapKeyRef.Key));
        var web = EnvironmentMapping.Map(Manifest.Projects.Single(p => p.Name == "web"), Manifest).ToDictionary(e => e.Name);
        Assert.Equal("gateway-public-url", web["Web__PublicGatewayAddress"].ValueFrom.ConfigMapKeyRef.Key);
        Assert.Equal("web-secrets", web["Web__ClientSecret"].ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public void Each_service_calls_the_services_its_environment_names()
    {
        Assert.Equal(["identity"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "analytics"), Manifest));
        // Public addresses (the web app's, which the identity service and chat messages send people to) are no calls.
        Assert.Empty(EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "identity"), Manifest));
        Assert.Equal(["identity"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "webhooks"), Manifest));
        Assert.Equal(["analytics", "collaboration", "files", "identity", "notifications", "projects"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "ai"), Manifest));
        // The gateway's routes name their destinations by in-cluster address.
        Assert.Equal(["ai", "analytics", "collaboration", "files", "identity", "notifications", "projects", "webhooks"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "gateway"), Manifest));
        // Attachments are checked with the services that own what they are attached to.
        Assert.Equal(["collaboration", "identity", "projects"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "files"), Manifest));
        Assert.Equal(["identity"], EnvironmentMapping.Calls(Manifest.Projects.Single(p => p.Name == "notifications"), Manifest));
    }
}
