using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>Which process learns which database password, read from the published manifest (kept current by <see cref="ManifestDriftTests"/>).</summary>
public partial class DatabaseCredentialTests
{
    private static readonly JsonObject Resources = LoadResources();

    [Fact]
    public void Only_the_migration_step_knows_the_postgres_owners_password()
    {
        var knowing = Resources
            .Where(resource => resource.Value!["type"]!.GetValue<string>().StartsWith("project.", StringComparison.Ordinal))
            .Where(resource => Environment(resource.Key).Any(value => Expand(value).Contains("{postgres-password.value}", StringComparison.Ordinal)))
            .Select(resource => resource.Key);

        Assert.Equal(["migrations"], knowing);
    }

    [Theory]
    [InlineData("identity", "identitydb_app")]
    [InlineData("projects", "projectsdb_app", "projectsdb_relay")]
    [InlineData("collaboration", "collabdb_app", "collabdb_relay")]
    [InlineData("ai", "aidb_app", "aidb_relay")]
    [InlineData("analytics", "analyticsdb_app", "analyticsdb_relay")]
    public void A_service_logs_in_to_postgres_only_as_its_own_logins(string service, params string[] logins)
    {
        var usernames = Environment(service)
            .SelectMany(value => UsernamePattern().Matches(Expand(value)))
            .Select(match => match.Groups[1].Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(logins.Order(StringComparer.Ordinal), usernames);
    }

    private static IEnumerable<string> Environment(string resource) =>
        (Resources[resource]!["env"]?.AsObject() ?? []).Select(variable => variable.Value!.GetValue<string>());

    /// <summary>A value with every <c>{name.connectionString}</c> it names replaced by that connection string, recursively.</summary>
    private static string Expand(string value) =>
        ConnectionStringReference().Replace(value, reference =>
            Resources[reference.Groups[1].Value]?["connectionString"]?.GetValue<string>() is { } connectionString ? Expand(connectionString) : reference.Value);

    private static JsonObject LoadResources() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "aspire-manifest", "aspire-manifest.json")))!["resources"]!.AsObject();

    [GeneratedRegex(@"\{([a-z0-9-]+)\.connectionString\}")]
    private static partial Regex ConnectionStringReference();

    [GeneratedRegex(@"Username=([^;]+)")]
    private static partial Regex UsernamePattern();
}
