using System.Text.Json;
using Platform.Testing;
using YamlDotNet.Serialization;

namespace Platform.Deploy.Tests;

/// <summary>
/// The Terraform and the release workflow, checked offline: formatted, valid against the workflow schema, and building
/// what the manifests expect (a Google service account and secret per process, the databases the AppHost names, a
/// private PostgreSQL 15 with point-in-time recovery and IAM sign-in, Redis with TLS, Autopilot).
/// </summary>
public sealed class CloudTests
{
    private static readonly string Root = TestFolders.RepositoryRoot;
    private static readonly string Tools = Path.Combine(Root, "tests", "Deploy.Tests", "tools");
    private static readonly string[] Processes = [.. ServiceProfile.All.Select(s => s.Name), ServiceProfile.Migrations];

    [Fact]
    public async Task The_Terraform_is_formatted()
    {
        var (exitCode, output) = await RunAsync("terraform", "fmt", "-check", "-recursive", Path.Combine(Root, "deploy", "terraform"));
        Assert.True(exitCode == 0, $"terraform fmt would change: {output}");
    }

    [Fact]
    public async Task The_Terraform_builds_what_the_manifests_expect()
    {
        var terraform = await TerraformAsync();
        JsonElement Variable(string name) => terraform.Single(d => d.TryGetProperty("variable", out var v) && v.TryGetProperty(name, out _))
            .GetProperty("variable").GetProperty(name)[0].GetProperty("default");
        JsonElement Resource(string type, string name) => terraform.Single(d => d.TryGetProperty("resource", out var r) && r.TryGetProperty(type, out var t) && t.TryGetProperty(name, out _))
            .GetProperty("resource").GetProperty(type).GetProperty(name)[0];

        // A Google service account (and Workload Identity binding) per process the manifests run, in their namespace.
        Assert.Equal(Processes.Order(StringComparer.Ordinal), Variable("services").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("platform", Variable("namespace").GetString());
        Assert.Contains("${var.namespace}/${each.key}", Resource("google_service_account_iam_member", "workload_identity").GetProperty("member").GetString(), StringComparison.Ordinal);
        // The Kubernetes ServiceAccounts name the accounts Terraform makes (and the migrations grant their IAM users).
        Assert.Equal("platform-${each.key}", Resource("google_service_account", "service").GetProperty("account_id").GetString());
        Assert.All((await Rendered.ObjectsAsync("overlays/prod")).OfType<k8s.Models.V1ServiceAccount>(),
            account => Assert.Equal($"platform-{account.Metadata.Name}@PROJECT_ID.iam.gserviceaccount.com", account.Metadata.Annotations["iam.gke.io/gcp-service-account"]));
        // The databases are the ones the AppHost gives each service.
        var manifest = AspireManifest.Load(Path.Combine(Root, "aspire-manifest", "aspire-manifest.json"));
        var databases = manifest.Projects.Where(p => p.Name != ServiceProfile.Migrations)
            .SelectMany(p => EnvironmentMapping.DatabasesOf(p).Select(database => (p.Name, Database: database)))
            .ToDictionary(x => x.Name, x => x.Database);
        Assert.Equal(databases.OrderBy(d => d.Key, StringComparer.Ordinal),
            Variable("databases").EnumerateObject().Select(d => KeyValuePair.Create(d.Name, d.Value.GetString()!)).OrderBy(d => d.Key, StringComparer.Ordinal));
        // The secrets the ExternalSecrets extract.
        var secrets = terraform.Single(d => d.TryGetProperty("locals", out _)).GetProperty("locals")[0].GetProperty("secrets").GetString()!;
        Assert.Contains("\"platform-${service}\"", secrets, StringComparison.Ordinal);
        Assert.Contains("\"platform-dapr-pubsub\"", secrets, StringComparison.Ordinal);
        Assert.Contains("\"platform-redis-ca\"", secrets, StringComparison.Ordinal);
        Assert.Contains("server_ca_certs", Resource("google_secret_manager_secret_version", "redis_ca").GetProperty("secret_data").GetString(), StringComparison.Ordinal);

        var sql = Resource("google_sql_database_instance", "platform");
        Assert.Equal("POSTGRES_15", sql.GetProperty("database_version").GetString());
        var settings = sql.GetProperty("settings")[0];
        Assert.False(settings.GetProperty("ip_configuration")[0].GetProperty("ipv4_enabled").GetBoolean());
        Assert.True(settings.GetProperty("backup_configuration")[0].GetProperty("point_in_time_recovery_enabled").GetBoolean());
        Assert.Contains(settings.GetProperty("database_flags").EnumerateArray(),
            flag => flag.GetProperty("name").GetString() == "cloudsql.iam_authentication" && flag.GetProperty("value").GetString() == "on");
        Assert.Equal("CLOUD_IAM_SERVICE_ACCOUNT", Resource("google_sql_user", "service").GetProperty("type").GetString());

        var redis = Resource("google_redis_instance", "platform");
        Assert.Equal(("SERVER_AUTHENTICATION", true), (redis.GetProperty("transit_encryption_mode").GetString(), redis.GetProperty("auth_enabled").GetBoolean()));
        Assert.True(Resource("google_container_cluster", "platform").GetProperty("enable_autopilot").GetBoolean());
        Assert.Contains("assertion.repository", Resource("google_iam_workload_identity_pool_provider", "github").GetProperty("attribute_condition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_workflow_is_valid_and_publishes_and_rolls_out_every_process()
    {
        var workflow = Path.Combine(Root, ".github", "workflows", "release.yml");
        var (exitCode, output) = await RunAsync(Path.Combine(Tools, "node_modules", ".bin", "action-validator"), workflow);
        Assert.True(exitCode == 0, output);

        var jobs = (Dictionary<object, object>)((Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(await File.ReadAllTextAsync(workflow, TestContext.Current.CancellationToken))!)["jobs"];
        var published = ((List<object>)((Dictionary<object, object>)((Dictionary<object, object>)((Dictionary<object, object>)jobs["publish"])["strategy"])["matrix"])["project"])
            .Select(project => Path.GetFileNameWithoutExtension((string)project).ToLowerInvariant());
        Assert.Equal(Processes.Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
        var deploy = (Dictionary<object, object>)jobs["deploy"];
        Assert.Equal("production", deploy["environment"]);
        Assert.Equal("production", ((Dictionary<object, object>)deploy["concurrency"])["group"]);
        Assert.Equal(ServiceProfile.All.Select(s => s.Name), ((string)((Dictionary<object, object>)deploy["env"])["SERVICES"]).Split(' '));
    }

    [Fact]
    public async Task Azure_users_deploy_the_same_AppHost_with_azd()
    {
        var azure = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(
            await File.ReadAllTextAsync(Path.Combine(Root, "azd", "azure.yaml"), TestContext.Current.CancellationToken))!;
        var app = (Dictionary<object, object>)((Dictionary<object, object>)azure["services"])["app"];
        Assert.Equal(("dotnet", "containerapp"), (app["language"], app["host"]));
        Assert.Equal(Path.Combine(Root, "AppHost", "AppHost.csproj"), Path.GetFullPath(Path.Combine(Root, "azd", (string)app["project"])));
    }

    private static async Task<List<JsonElement>> TerraformAsync()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "deploy", "terraform"), "*.tf");
        var (exitCode, output) = await RunAsync("node", [Path.Combine(Tools, "hcl2json.mjs"), .. files]);
        Assert.True(exitCode == 0, output);
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(d => d.GetProperty("content").Clone())];
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output, errors) = await Rendered.RunAsync(program, arguments);
        return (exitCode, output + errors);
    }
}
