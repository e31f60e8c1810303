using System.Diagnostics;
using k8s;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>deploy/k8s as kustomize renders it (kubectl's built-in kustomize), parsed strictly into the typed models.</summary>
public static class Rendered
{
    public static string Folder(string relative) => Path.Combine(TestFolders.RepositoryRoot, "deploy", "k8s", relative);

    public static async Task<List<object>> ObjectsAsync(string relative) =>
        // Strict: a field the models do not know, or a value of the wrong type, fails here as the API server would refuse it.
        KubernetesYaml.LoadAllFromString(await YamlAsync(relative), new Dictionary<string, Type>(Crds.CustomResources.TypeMap), strict: true);

    public static async Task<string> YamlAsync(string relative)
    {
        var (exitCode, output, errors) = await RunAsync("kubectl", ["kustomize", Folder(relative)]);
        Assert.True(exitCode == 0, $"kubectl kustomize {relative} failed: {errors}");
        return output;
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, string[] arguments, string? input = null)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = TestFolders.RepositoryRoot,
        };
        using var process = Process.Start(startInfo)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await errors);
    }
}
