using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Testing;
using Platform.Webhooks;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;
using Platform.Webhooks.Integrations;
using Platform.Webhooks.Outbound;
using Platform.Webhooks.Signatures;

namespace Platform.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks</c>: the webhooks service's two hot paths on the local Postgres, each beside its floor in the same run.
/// Inbound: signed GitHub pull request deliveries verified, translated, recorded once and turned into an outbox event
/// (the receiver, as the route calls it, <c>concurrency</c> at a time), beside the floor of writing the same two rows
/// with one INSERT each and nothing else. Outbound: queued deliveries sent by the dispatcher to a receiver on loopback,
/// beside the floor of posting the same bodies with a bare HttpClient at the same concurrency.
/// </summary>
internal static class WebhooksBench
{
    private const string ApplicationPassword = "BenchWebhooksPassword42";

    public static async Task<int> RunAsync(int deliveries, int concurrency)
    {
        await using var servers = await LocalServers.StartAsync([WebhooksDataExtensions.ConnectionName], CancellationToken.None);
        var owner = await servers.ConnectionStringAsync(WebhooksDataExtensions.ConnectionName, CancellationToken.None);
        using var host = await StartAsync(owner);
        var tenant = host.Services.GetRequiredService<TenantContext>();
        var organization = Guid.NewGuid();
        Integration integration;
        using (tenant.Enter(organization))
        {
            await using var scope = host.Services.CreateAsyncScope();
            integration = (await scope.ServiceProvider.GetRequiredService<IntegrationCatalog>().ConnectAsync(new IntegrationInput("github", "bench"), "bench", CancellationToken.None))!;
        }

        for (var run = 1; run <= 3; run++)
        {
            var inbound = await InboundAsync(host, integration, deliveries, concurrency, run);
            var floor = await InboundFloorAsync(host.Services.GetRequiredService<IConfiguration>().GetConnectionString(WebhooksDataExtensions.ConnectionName)!,
                organization, integration.Id, deliveries, concurrency, run);
            Console.WriteLine($"inbound run {run}: {deliveries / inbound:N0} deliveries/s ({concurrency} at a time); floor (two INSERTs per delivery) " +
                $"{deliveries / floor:N0}/s; receiver / floor {inbound / floor:F2}×");
        }

        using var receiver = new WebhookReceiver();
        for (var run = 1; run <= 3; run++)
        {
            var outbound = await OutboundAsync(host, organization, receiver, deliveries);
            var floor = await OutboundFloorAsync(receiver, deliveries, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboundOptions>>().Value.BatchSize);
            Console.WriteLine($"outbound run {run}: {deliveries / outbound:N0} deliveries/s; floor (bare HttpClient posts, same concurrency) " +
                $"{deliveries / floor:N0}/s; dispatcher / floor {outbound / floor:F2}×");
        }

        return 0;
    }

    private static async Task<IHost> StartAsync(string owner)
    {
        await using (var migrating = new WebhooksDbContext(new DbContextOptionsBuilder<WebhooksDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
        {
            await migrating.Database.MigrateAsync();
        }

        await using (var ownerSource = NpgsqlDataSource.Create(owner))
        {
            await ApplicationRole.EnsureAsync(ownerSource, WebhooksDataExtensions.ConnectionName, ApplicationPassword, CancellationToken.None);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{WebhooksDataExtensions.ConnectionName}"] = new NpgsqlConnectionStringBuilder(owner)
            {
                Username = ApplicationRole.NameFor(WebhooksDataExtensions.ConnectionName),
                Password = ApplicationPassword,
            }.ConnectionString,
        });
        builder.AddWebhooksData();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<WebhooksMetrics>();
        builder.Services.AddSingleton<Platform.Webhooks.Inbound.AddressDirectory>();
        builder.Services.AddScoped<InboundReceiver>();
        builder.Services.AddScoped<IntegrationCatalog>();
        builder.Services.Configure<OutboundOptions>(options => options.AllowPrivateAddresses = true);
        builder.Services.AddSingleton<OutboundSignal>();
        builder.Services.AddSingleton<OutboundSender>();
        builder.Services.AddSingleton<OutboundDispatcher>();
        builder.Services.AddScoped<EndpointCatalog>();
        builder.Services.AddScoped<OutboundFanout>();
        builder.Services.AddScoped<AfterCommit>();
        return builder.Build();
    }

    private static async Task<double> InboundAsync(IHost host, Integration integration, int deliveries, int concurrency, int run)
    {
        var bodies = Enumerable.Range(0, deliveries).Select(i => Encoding.UTF8.GetBytes(PullRequest(i))).ToArray();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
            {
                [GitHubTranslator.EventHeader] = "pull_request",
                [GitHubTranslator.DeliveryHeader] = $"run{run}-{i}",
                [GitHubSignature.Header] = GitHubSignature.Sign(integration.Secret, bodies[i]),
            };
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<InboundReceiver>().ReceiveAsync(integration.Id, headers, bodies[i], token);
            if (outcome.Status != 202)
            {
                throw new InvalidOperationException($"{outcome.Status} {outcome.Detail}");
            }
        });
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>What a delivery must write at least: its log row and its event's outbox row, in one transaction, as the service's login.</summary>
    private static async Task<double> InboundFloorAsync(string connection, Guid organization, Guid integration, int deliveries, int concurrency, int run)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        var payload = PullRequest(0);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            await using var db = await source.OpenConnectionAsync(token);
            await using var transaction = await db.BeginTransactionAsync(token);
            await using (var set = new NpgsqlCommand($"SELECT set_config('app.current_organization', '{organization}', true)", db, transaction))
            {
                await set.ExecuteNonQueryAsync(token);
            }

            await using var insert = new NpgsqlBatch(db, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("""
                        INSERT INTO inbound_deliveries (id, organization_id, integration_id, delivery_id, event, received_at, outcome, payload, kept_until)
                        VALUES (gen_random_uuid(), $1, $2, $3, 'pull_request', now(), 'floor', $4, now())
                        """) { Parameters = { new() { Value = organization }, new() { Value = integration }, new() { Value = $"floor{run}-{i}" }, new() { Value = payload } } },
                    new NpgsqlBatchCommand("""
                        INSERT INTO outbox_messages (event_id, topic, type, schema_version, subject, organization_id, occurred_at, data)
                        VALUES (gen_random_uuid(), 'code', 'platform.code.pull-request-changed', 1, 'github:acme/api', $1, now(), convert_to($2, 'UTF8'))
                        """) { Parameters = { new() { Value = organization }, new() { Value = payload } } },
                },
            };
            await insert.ExecuteNonQueryAsync(token);
            await transaction.CommitAsync(token);
        });
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> OutboundAsync(IHost host, Guid organization, WebhookReceiver receiver, int deliveries)
    {
        var tenant = host.Services.GetRequiredService<TenantContext>();
        using (tenant.Enter(organization))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<EndpointCatalog>();
            foreach (var old in await catalog.ListAsync(CancellationToken.None))
            {
                await catalog.RemoveAsync((await catalog.FindAsync(old.Id, CancellationToken.None))!, CancellationToken.None);
            }

            await catalog.AddAsync(new EndpointInput(receiver.Address, "", "standard", ["task.state-changed"]), "bench", CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<WebhooksDbContext>();
            var fanout = scope.ServiceProvider.GetRequiredService<OutboundFanout>();
            for (var i = 0; i < deliveries; i++)
            {
                await fanout.HandleAsync(new TaskStateChanged(Guid.NewGuid(), Guid.NewGuid(), $"PLAT-{i + 1}", "Todo", "todo", "Done", "done") { OrganizationId = organization }, CancellationToken.None);
            }
        }

        var before = receiver.Requests.Count;
        var dispatcher = host.Services.GetRequiredService<OutboundDispatcher>();
        var watch = Stopwatch.StartNew();
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }

        var seconds = watch.Elapsed.TotalSeconds;
        if (receiver.Requests.Count - before != deliveries)
        {
            throw new InvalidOperationException($"{receiver.Requests.Count - before} of {deliveries} arrived");
        }

        return seconds;
    }

    private static async Task<double> OutboundFloorAsync(WebhookReceiver receiver, int deliveries, int concurrency)
    {
        using var client = new HttpClient();
        var body = JsonSerializer.Serialize(new { type = "task.state-changed", data = new { key = "PLAT-1" } });
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, token) =>
        {
            using var response = await client.PostAsync(receiver.Address, new StringContent(body, Encoding.UTF8, "application/json"), token);
            response.EnsureSuccessStatusCode();
        });
        return watch.Elapsed.TotalSeconds;
    }

    private static string PullRequest(int number) => JsonSerializer.Serialize(new
    {
        action = "opened",
        pull_request = new
        {
            number, html_url = $"https://github.com/acme/api/pull/{number}", state = "open", title = $"PLAT-{number + 1}: a change", body = "Fixes PLAT-1",
            draft = false, merged = false, user = new { login = "octocat" }, head = new { @ref = $"plat-{number + 1}-change" },
        },
        repository = new { full_name = "acme/api" },
    });
}
