using System.Diagnostics;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Consuming;
using Platform.EventBus.Outbox;
using Platform.Notifications;
using Platform.Notifications.Data;
using Platform.Notifications.Email;
using Platform.Testing;

namespace Platform.Benchmarks.Notifications;

/// <summary>
/// <c>notifications</c>: the notifications service's two hot paths on the local Postgres, Redis and MailDev, each beside
/// its floor in the same run. Events to inbox: task assignments handed to the service through the event bus's own
/// dispatcher (inbox table, handlers, commit, live notice), <c>batch</c> events per commit as the stream consumer
/// reads them, beside the floor of writing the same rows (task, notification, delivery, schedule) in the same batches
/// with nothing else; then one event at a time, the time from its arrival to its inbox item committed (p50/p99). Mail:
/// the queued mails sent by the dispatcher, beside the floor of MailKit sending the same number of mails over one
/// connection.
/// </summary>
internal static class NotificationsBench
{
    private const string ApplicationPassword = "BenchNotificationsPassword42";
    private const int People = 50;

    public static async Task<int> RunAsync(int events, int batch)
    {
        await using var servers = await LocalServers.StartAsync([NotificationsDataExtensions.ConnectionName], CancellationToken.None, withMail: true);
        var owner = await servers.ConnectionStringAsync(NotificationsDataExtensions.ConnectionName, CancellationToken.None);
        using var host = await StartAsync(owner, await servers.ConnectionStringAsync("cache", CancellationToken.None), await servers.ConnectionStringAsync("mail", CancellationToken.None));
        var dispatcher = host.Services.GetRequiredService<EventDispatcher>();
        var organization = Guid.NewGuid();
        var people = Enumerable.Range(0, People).Select(_ => Guid.NewGuid()).ToArray();
        await HandleAsync(dispatcher, [.. people.Select((person, i) => new MemberJoined(person, $"person{i}@bench.example", $"Person {i}", "member") { OrganizationId = organization })]);

        for (var run = 1; run <= 3; run++)
        {
            var handled = await EventsAsync(dispatcher, organization, people, events, batch);
            var floor = await FloorAsync(host, organization, people, events, batch);
            Console.WriteLine($"events run {run}: {events / handled:N0} events/s into inboxes ({batch} per commit); floor (the same rows written) " +
                $"{events / floor:N0}/s; service / floor {handled / floor:F2}×");
        }

        var latencies = new List<double>();
        for (var i = 0; i < Math.Min(events, 500); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await HandleAsync(dispatcher, [Assignment(organization, people, i)]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine($"one event at a time, arrival to inbox item committed: p50 {Percentiles.Of(latencies, 50):F1} ms, p99 {Percentiles.Of(latencies, 99):F1} ms");

        var email = host.Services.GetRequiredService<EmailDispatcher>();
        var mailed = Stopwatch.GetTimestamp();
        var sent = 0;
        for (int claimed; (claimed = await email.DispatchDueAsync(CancellationToken.None)) > 0;)
        {
            sent += claimed;
        }

        var mailSeconds = Stopwatch.GetElapsedTime(mailed).TotalSeconds;
        var mailFloor = await MailFloorAsync(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.Endpoint!, sent);
        Console.WriteLine($"mail: {sent / mailSeconds:N0} mails/s by the dispatcher ({sent} mails); floor (MailKit, one connection) {sent / mailFloor:N0}/s; " +
            $"dispatcher / floor {mailSeconds / mailFloor:F2}×");
        return 0;
    }

    private static TaskCreated Assignment(Guid organization, Guid[] people, int i) =>
        new(Guid.NewGuid(), Guid.Empty, $"BEN-{i}", $"Task {i}")
        {
            OrganizationId = organization,
            Actor = people[0].ToString(),
            Fields = new Dictionary<string, System.Text.Json.JsonElement> { ["assignee"] = System.Text.Json.JsonSerializer.SerializeToElement(people[1 + i % (People - 1)].ToString()) },
        };

    private static Task HandleAsync(EventDispatcher dispatcher, IReadOnlyList<IntegrationEvent> events) =>
        dispatcher.HandleAsync([.. events.Select(e => dispatcher.Read(CloudEventJson.Serialize(OutboxMessage.For(e), "bench")))], CancellationToken.None);

    private static async Task<double> EventsAsync(EventDispatcher dispatcher, Guid organization, Guid[] people, int events, int batch)
    {
        var all = Enumerable.Range(0, events).Select(i => (IntegrationEvent)Assignment(organization, people, i)).ToList();
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in all.Chunk(batch))
        {
            await HandleAsync(dispatcher, chunk);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>What handling an assignment writes (the task's copy, the notification, its mail and the mail's turn), in the same batches, through EF.</summary>
    private static async Task<double> FloorAsync(IHost host, Guid organization, Guid[] people, int events, int batch)
    {
        using var tenant = host.Services.GetRequiredService<TenantContext>().Enter(organization);
        var started = Stopwatch.GetTimestamp();
        for (var done = 0; done < events; done += batch)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow;
            for (var i = done; i < Math.Min(events, done + batch); i++)
            {
                var task = Guid.NewGuid();
                db.Tasks.Add(new FollowedTask { TaskId = task, OrganizationId = organization, Key = $"FLO-{i}", Title = $"Task {i}", Assignee = people[1].ToString() });
                var notification = new Notification
                {
                    Id = Guid.CreateVersion7(), OrganizationId = organization, RecipientId = people[1 + i % (People - 1)], EventId = Guid.NewGuid(), Kind = "assigned",
                    Title = $"Person 0 assigned you FLO-{i}: Task {i}", Body = $"Task {i}", Actor = people[0].ToString(), CreatedAt = now,
                };
                db.Notifications.Add(notification);
                var delivery = new Delivery { Id = Guid.CreateVersion7(), OrganizationId = organization, NotificationId = notification.Id, Channel = Channels.Email, Status = DeliveryStatus.Sent, CreatedAt = now };
                db.Deliveries.Add(delivery);
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> MailFloorAsync(Uri endpoint, int mails)
    {
        using var client = new SmtpClient();
        var started = Stopwatch.GetTimestamp();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, MailKit.Security.SecureSocketOptions.None);
        for (var i = 0; i < mails; i++)
        {
            var message = new MimeMessage { Subject = $"Floor {i}" };
            message.From.Add(MailboxAddress.Parse("bench@platform.localhost"));
            message.To.Add(MailboxAddress.Parse($"floor{i % People}@bench.example"));
            message.Body = new BodyBuilder { TextBody = $"Floor mail {i}", HtmlBody = $"<p>Floor mail {i}</p>" }.ToMessageBody();
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(true);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<IHost> StartAsync(string owner, string cache, string mail)
    {
        await using (var migrating = new NotificationsDbContext(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql(owner).UseSnakeCaseNamingConvention().Options))
        {
            await migrating.Database.MigrateAsync();
        }

        await using (var ownerSource = NpgsqlDataSource.Create(owner))
        {
            await ApplicationRole.EnsureAsync(ownerSource, NotificationsDataExtensions.ConnectionName, ApplicationPassword, CancellationToken.None);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{NotificationsDataExtensions.ConnectionName}"] = new NpgsqlConnectionStringBuilder(owner)
            {
                Username = ApplicationRole.NameFor(NotificationsDataExtensions.ConnectionName),
                Password = ApplicationPassword,
            }.ConnectionString,
            ["ConnectionStrings:cache"] = cache,
            ["ConnectionStrings:mail"] = mail,
            ["Notifications:WebAddress"] = "https://platform.example/",
            ["Notifications:Mail:BatchSize"] = "200",
        });
        builder.AddNotificationsCore();
        builder.Services.AddMetrics();
        return builder.Build();
    }
}
