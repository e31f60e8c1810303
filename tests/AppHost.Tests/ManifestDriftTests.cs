using Platform.Testing;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Platform.AppHost.Tests;

/// <summary>The committed aspire-manifest.json is what the AppHost publishes today.</summary>
public class ManifestDriftTests
{
    [Fact]
    public async Task The_committed_manifest_matches_what_the_AppHost_publishes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var root = TestFolders.RepositoryRoot;
        var committed = Path.Combine(root, "aspire-manifest", "aspire-manifest.json");
        // Beside the committed file, so the relative project paths inside come out the same.
        var regenerated = Path.Combine(root, "aspire-manifest", $".drift-check-{Guid.NewGuid():N}.json");
        try
        {
            var configuration = typeof(ManifestDriftTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var (exitCode, output) = await RunAsync(root, cancellationToken,
                "run", "--project", "AppHost", "--no-build", "-c", configuration, "--no-launch-profile",
                "--", "--publisher", "manifest", "--output-path", regenerated);
            Assert.True(exitCode == 0, output);

            var expected = JsonNode.Parse(await File.ReadAllTextAsync(committed, cancellationToken));
            var actual = JsonNode.Parse(await File.ReadAllTextAsync(regenerated, cancellationToken));
            Assert.True(JsonNode.DeepEquals(expected, actual),
                "aspire-manifest/aspire-manifest.json is out of date; regenerate it with scripts/publish-manifest.sh.\n" + actual);
        }
        finally
        {
            File.Delete(regenerated);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
