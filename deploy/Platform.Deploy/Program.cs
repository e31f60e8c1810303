// Writes deploy/k8s (kustomize base, the migrations Job, the dev and prod overlays) from the AppHost's published
// manifest: dotnet run --project deploy/Platform.Deploy -- aspire-manifest/aspire-manifest.json deploy/k8s
// (scripts/publish-manifest.sh runs it after the AppHost writes the manifest; a test fails when the two drift).
using Platform.Deploy;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Platform.Deploy <aspire-manifest.json> <output folder>");
    return 2;
}
var files = KubernetesManifests.Generate(AspireManifest.Load(args[0]));
foreach (var stale in Directory.Exists(args[1]) ? Directory.GetFiles(args[1], "*.yaml", SearchOption.AllDirectories) : [])
{
    File.Delete(stale);
}
foreach (var (path, content) in files)
{
    var target = Path.Combine(args[1], path);
    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    File.WriteAllText(target, content);
}
Console.WriteLine($"{files.Count} files written to {args[1]}");
return 0;
