using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Consuming;
using Platform.EventBus.Outbox;
using Platform.Files.Attachments;
using Platform.Files.Data;
using Platform.Files.Processing;
using Platform.Files.Storage;
using Platform.Testing;

namespace Platform.Files.Tests;

/// <summary>
/// A real Postgres with the files schema (migrated as its owner, used as the service's own login, so row-level security
/// holds), a real Redis, a real clamd with a signature database made by sigtool (<see cref="TestSignatures"/>), and a
/// real S3-compatible server (<see cref="S3Server"/>) as the file store; the service's uploads, processor and deletion.
/// </summary>
public sealed class FilesFixture : IAsyncLifetime
{
    private const string ApplicationPassword = "TestFilesPassword42";

    /// <summary>Small enough for a test to fill with announced (not sent) uploads.</summary>
    public const long QuotaBytes = 64L * 1024 * 1024;

    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    public TestSignatures Signatures { get; private set; } = null!;

    public S3Server S3 { get; private set; } = null!;

    public string ScannerAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Signatures = await TestSignatures.CreateAsync(cancellationToken);
        _servers = await LocalServers.StartAsync([FilesDataExtensions.ConnectionName], cancellationToken, signatures: Signatures);
        S3 = await S3Server.StartAsync(cancellationToken);
        var owner = await _servers.ConnectionStringAsync(FilesDataExtensions.ConnectionName, cancellationToken);
        await using (var migrating = new FilesDbContext(new DbContextOptionsBuilder<FilesDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
        {
            await migrating.Database.MigrateAsync(cancellationToken);
        }

        await using (var ownerSource = NpgsqlDataSource.Create(owner))
        {
            await ApplicationRole.EnsureAsync(ownerSource, FilesDataExtensions.ConnectionName, ApplicationPassword, cancellationToken);
        }

        ScannerAddress = await _servers.ConnectionStringAsync("clamav-address", cancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{FilesDataExtensions.ConnectionName}"] = new NpgsqlConnectionStringBuilder(owner)
            {
                Username = ApplicationRole.NameFor(FilesDataExtensions.ConnectionName),
                Password = ApplicationPassword,
            }.ConnectionString,
            ["ConnectionStrings:cache"] = await _servers.ConnectionStringAsync("cache", cancellationToken),
            ["ConnectionStrings:clamav"] = ScannerAddress,
            ["Files:Storage:Kind"] = FileStoreKind.S3,
            ["Files:Storage:ServiceUrl"] = S3.Address.ToString(),
            ["Files:Storage:Bucket"] = S3Server.Bucket,
            ["Files:Storage:AccessKey"] = S3Server.AccessKey,
            ["Files:Storage:SecretKey"] = S3Server.AccessKey,
            ["Files:LinkKey"] = "the tests' link key",
            ["Files:QuotaBytes"] = QuotaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddFilesCore();
        builder.Services.AddMetrics();
        Host = builder.Build();
    }

    public IFileStore Store => Host.Services.GetRequiredService<IFileStore>();

    /// <summary>Hands the events to the service as the bus does: through its inbox, in one batch, each in its organization.</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var dispatcher = Host.Services.GetRequiredService<EventDispatcher>();
        var incoming = events.Select(e => dispatcher.Read(CloudEventJson.Serialize(OutboxMessage.For(e), "tests"))).ToList();
        await dispatcher.HandleAsync(incoming, TestContext.Current.CancellationToken);
    }

    /// <summary>One pass of the processor (scan and process every complete upload); how many files it took.</summary>
    public Task<int> ProcessAsync() => Host.Services.GetRequiredService<FileProcessor>().ProcessDueAsync(TestContext.Current.CancellationToken);

    public async Task<T> InTenantAsync<T>(Guid organization, Func<IServiceProvider, Task<T>> work)
    {
        using var tenant = Host.Services.GetRequiredService<TenantContext>().Enter(organization);
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Announces and sends a whole file as <paramref name="uploader"/> of <paramref name="organization"/>, attached to a new task id.</summary>
    public Task<StoredFile> UploadAsync(Guid organization, string name, byte[] content, Guid? uploader = null) => InTenantAsync(organization, async services =>
    {
        var uploads = services.GetRequiredService<Uploads.Uploads>();
        var taskId = Guid.NewGuid();
        var file = await uploads.CreateAsync(organization, uploader ?? Guid.NewGuid(), name, content.Length, new AttachmentTarget(TargetKinds.Task, taskId, taskId, null), TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The quota refused the upload.");
        if (content.Length == 0)
        {
            return file;
        }

        var appended = await uploads.AppendAsync(file.Id, 0, new MemoryStream(content), TestContext.Current.CancellationToken);
        return appended.File ?? file;
    });

    public Task<StoredFile?> FindAsync(Guid organization, Guid id) => InTenantAsync(organization, services =>
        services.GetRequiredService<FilesDbContext>().Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }

        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
