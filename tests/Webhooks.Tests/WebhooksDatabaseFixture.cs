using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Data;
using Platform.Testing;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;
using Platform.Webhooks.Integrations;
using Platform.Webhooks.Outbound;

namespace Platform.Webhooks.Tests;

/// <summary>
/// A real Postgres with the webhooks schema (migrated as its owner), the service's operations connected as the service's
/// own login (so row-level security holds, as in production), and a clock the tests move.
/// </summary>
public sealed class WebhooksDatabaseFixture : IAsyncLifetime
{
    private const string ApplicationPassword = "TestWebhooksPassword42";

    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([WebhooksDataExtensions.ConnectionName], cancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var owner = await _servers.ConnectionStringAsync(WebhooksDataExtensions.ConnectionName, cancellationToken);
        await using (var migrating = new WebhooksDbContext(new DbContextOptionsBuilder<WebhooksDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
        {
            await migrating.Database.MigrateAsync(cancellationToken);
        }

        await using (var ownerSource = NpgsqlDataSource.Create(owner))
        {
            await ApplicationRole.EnsureAsync(ownerSource, WebhooksDataExtensions.ConnectionName, ApplicationPassword, cancellationToken);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{WebhooksDataExtensions.ConnectionName}"] = new NpgsqlConnectionStringBuilder(owner)
            {
                Username = ApplicationRole.NameFor(WebhooksDataExtensions.ConnectionName),
                Password = ApplicationPassword,
            }.ConnectionString,
        });
        builder.AddWebhooksData();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<WebhooksMetrics>();
        builder.Services.AddSingleton<Platform.Webhooks.Inbound.AddressDirectory>();
        builder.Services.AddScoped<InboundReceiver>();
        builder.Services.AddScoped<IntegrationCatalog>();
        builder.Services.AddSingleton<InboundRetention>();
        // Outbound: to the tests' receiver on loopback, which only tests and closed networks allow; a short timeout for the slow receiver.
        builder.Services.Configure<OutboundOptions>(options =>
        {
            options.AllowPrivateAddresses = true;
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.WebAddress = new Uri("https://platform.example/");
        });
        builder.Services.AddSingleton<OutboundSignal>();
        builder.Services.AddSingleton<OutboundSender>();
        builder.Services.AddSingleton<OutboundDispatcher>();
        builder.Services.AddScoped<EndpointCatalog>();
        builder.Services.AddScoped<OutboundFanout>();
        builder.Services.AddScoped<Chat.PersonalChats>();
        builder.Services.AddScoped<Chat.ChatRelay>();
        builder.Services.AddScoped<Platform.EventBus.Consuming.AfterCommit>();
        Host = builder.Build();
    }

    public async Task<T> InTenantAsync<T>(Guid organization, Func<IServiceProvider, Task<T>> work)
    {
        using var tenant = Host.Services.GetRequiredService<TenantContext>().Enter(organization);
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InTenantAsync(Guid organization, Func<IServiceProvider, Task> work) =>
        InTenantAsync(organization, async services =>
        {
            await work(services);
            return true;
        });

    /// <summary>As the inbound route runs: no organization entered, the receiver finds it from the address.</summary>
    public async Task<InboundOutcome> DeliverAsync(Guid integration, Dictionary<string, string> headers, string body)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var request = new Microsoft.AspNetCore.Http.HeaderDictionary(headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
        return await scope.ServiceProvider.GetRequiredService<InboundReceiver>()
            .ReceiveAsync(integration, request, System.Text.Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
