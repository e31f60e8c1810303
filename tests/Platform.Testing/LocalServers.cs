using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.AppHost.Infrastructure;

namespace Platform.Testing;

/// <summary>The AppHost's local Postgres and Redis, started for a test project with data in a folder of its own.</summary>
public sealed class LocalServers : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private LocalServers(DistributedApplication app, string dataRoot)
    {
        App = app;
        DataRoot = dataRoot;
    }

    public DistributedApplication App { get; }

    public string DataRoot { get; }

    /// <param name="withMail">Also the local mail server (MailDev): its API is <see cref="MailAddress"/>.</param>
    /// <param name="signatures">Also the virus scanner (clamd), with these signatures (<see cref="TestSignatures"/>): its connection string is <c>clamav-address</c>.</param>
    public static async Task<LocalServers> StartAsync(string[] databases, CancellationToken cancellationToken, bool withMail = false, TestSignatures? signatures = null)
    {
        var dataRoot = TestFolders.CreateReachableByPostgres("platform-servers-");
        var builder = TestBuilder.Create("--Infrastructure:Mode=Local", $"--LocalInfrastructure:DataRoot={dataRoot}",
            $"--{LocalVirusScannerExtensions.SignaturesConfigurationKey}={signatures?.Folder}");
        var infrastructure = PlatformInfrastructure.Add(builder, "postgres", "cache");
        foreach (var database in databases)
        {
            infrastructure.AddDatabase(database);
        }

        var resources = databases.Append("cache").ToList();
        if (withMail)
        {
            infrastructure.AddMail();
            resources.Add("maildev");
        }

        if (signatures is not null)
        {
            infrastructure.AddVirusScanner();
            resources.Add(LocalVirusScannerExtensions.ConnectionName);
        }

        var app = builder.Build();
        await app.StartAsync(cancellationToken);
        foreach (var name in resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }

        return new LocalServers(app, dataRoot);
    }

    public async Task<string> ConnectionStringAsync(string resource, CancellationToken cancellationToken) =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<IResourceWithConnectionString>().Single(r => r.Name == resource)
            .GetConnectionStringAsync(cancellationToken)
        ?? throw new InvalidOperationException($"{resource} has no connection string.");

    /// <summary>The local mail server's web API (mail it received: <c>GET api/email</c>), when started with it.</summary>
    public Uri MailAddress => App.GetEndpoint("maildev", "http");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestFolders.DeleteServerData(DataRoot);
    }
}
