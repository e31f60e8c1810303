using System.Diagnostics;
using k8s;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>deploy/k8s as kustomize renders it (kubectl's built-in kustomize), parsed strictly into the typed models.</summary>
public static class Rendered
{
    public static string Folder(string relative) => Path.Combine(TestFolders.RepositoryRoot, "deploy", "k8s", relative);

    public static async Task<List<object>> ObjectsAsync(string relative)
    {
        var startInfo = new ProcessStartInfo("kubectl", ["kustomize", Folder(relative)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kubectl = Process.Start(startInfo)!;
        var output = kubectl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = kubectl.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await kubectl.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {relative} failed: {await errors}");
        // Strict: a field the models do not know, or a value of the wrong type, fails here as the API server would refuse it.
        return KubernetesYaml.LoadAllFromString(await output, new Dictionary<string, Type>(Crds.CustomResources.TypeMap), strict: true);
    }
}
