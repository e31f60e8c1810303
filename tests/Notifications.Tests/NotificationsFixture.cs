using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Consuming;
using Platform.EventBus.Outbox;
using Platform.Notifications.Data;
using Platform.Notifications.Email;
using Platform.Notifications.Push;
using Platform.Testing;

namespace Platform.Notifications.Tests;

/// <summary>
/// A real Postgres with the notifications schema (migrated as its owner, used as the service's own login, so row-level
/// security holds), a real Redis, a real SMTP server (MailDev, read back through its API), push services on loopback
/// (<see cref="TestPushService"/>, started by the tests that push), the service's handlers fed
/// through the event bus's own dispatcher (its inbox included), and a clock the tests move.
/// </summary>
public sealed class NotificationsFixture : IAsyncLifetime
{
    private const string ApplicationPassword = "TestNotificationsPassword42";

    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    public MailDevInbox Mail { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public MailOptions MailOptions => Host.Services.GetRequiredService<IOptions<MailOptions>>().Value;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([NotificationsDataExtensions.ConnectionName], cancellationToken, withMail: true);
        var owner = await _servers.ConnectionStringAsync(NotificationsDataExtensions.ConnectionName, cancellationToken);
        await using (var migrating = new NotificationsDbContext(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
        {
            await migrating.Database.MigrateAsync(cancellationToken);
        }

        await using (var ownerSource = NpgsqlDataSource.Create(owner))
        {
            await ApplicationRole.EnsureAsync(ownerSource, NotificationsDataExtensions.ConnectionName, ApplicationPassword, cancellationToken);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{NotificationsDataExtensions.ConnectionName}"] = new NpgsqlConnectionStringBuilder(owner)
            {
                Username = ApplicationRole.NameFor(NotificationsDataExtensions.ConnectionName),
                Password = ApplicationPassword,
            }.ConnectionString,
            ["ConnectionStrings:cache"] = await _servers.ConnectionStringAsync("cache", cancellationToken),
            ["ConnectionStrings:mail"] = await _servers.ConnectionStringAsync("mail", cancellationToken),
            ["Notifications:WebAddress"] = "https://platform.example/",
            ["Notifications:Push:Key"] = "the tests' web push key",
            // The tests' push service is on loopback.
            ["Notifications:Push:ServiceHosts:0"] = "127.0.0.1",
        });
        builder.AddNotificationsCore();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddMetrics();
        Host = builder.Build();
        Mail = new MailDevInbox(_servers.MailAddress);
    }

    /// <summary>Hands the events to the service as the bus does: through its inbox, in one batch, each in its organization.</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var dispatcher = Host.Services.GetRequiredService<EventDispatcher>();
        var incoming = events.Select(e => dispatcher.Read(CloudEventJson.Serialize(OutboxMessage.For(e), "tests"))).ToList();
        await dispatcher.HandleAsync(incoming, TestContext.Current.CancellationToken);
    }

    /// <summary>One pass of the mail dispatcher; how many mails it claimed.</summary>
    public Task<int> SendMailAsync() => Host.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

    /// <summary>One pass of the push dispatcher; how many pushes it claimed.</summary>
    public Task<int> PushAsync() => Host.Services.GetRequiredService<PushDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

    /// <summary>One pass of the chat dispatcher; how many chat deliveries it handed over.</summary>
    public Task<int> HandChatOverAsync() => Host.Services.GetRequiredService<Chat.ChatDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

    public async Task<T> InTenantAsync<T>(Guid organization, Func<IServiceProvider, Task<T>> work)
    {
        using var tenant = Host.Services.GetRequiredService<TenantContext>().Enter(organization);
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Mail?.Dispose();
        Host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
