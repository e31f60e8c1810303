using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The whole AppHost on the local infrastructure in a data folder of its own, with the gateway's rate limits
/// raised out of the way. <c>BENCH_SERVICE_ENV="NAME=value;..."</c> passes settings to every service (for
/// profiling: <c>DOTNET_PerfMapEnabled=1;DOTNET_EnableWriteXorExecute=0</c>, or EF's SQL log levels).
/// </summary>
internal sealed class BenchGraph : IAsyncDisposable
{
    private readonly string _dataRoot;

    private BenchGraph(DistributedApplication app, string dataRoot) => (App, _dataRoot) = (app, dataRoot);

    public DistributedApplication App { get; }

    public static async Task<BenchGraph> StartAsync()
    {
        var dataRoot = TestFolders.CreateReachableByPostgres("platform-bench-");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            ["--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={dataRoot}", .. TestBuilder.FreeServerPorts]);
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
            .WithEnvironment("Gateway__RateLimits__PerUserPerMinute", "100000000")
            .WithEnvironment("Gateway__RateLimits__PerOrganizationPerMinute", "100000000");
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "ai"))
            .WithEnvironment("Ai__RequestsPerUserPerMinute", "100000000");
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            foreach (var service in builder.Resources.OfType<ProjectResource>())
            {
                builder.CreateResourceBuilder(service).WithEnvironment(name, value);
            }
        }

        // The services' request logs would otherwise be copied into this process's console on every call.
        builder.Services.AddLogging(logging => logging.AddFilter("AppHost.Resources", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning));
        var app = await builder.BuildAsync();
        await app.StartAsync();
        foreach (var service in new[] { "gateway", "projects" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service).WaitAsync(TimeSpan.FromMinutes(3));
        }

        return new BenchGraph(app, dataRoot);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestFolders.DeleteServerData(_dataRoot);
    }
}
