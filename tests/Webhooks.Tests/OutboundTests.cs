using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Outbox;
using Platform.Testing;
using Platform.Webhooks.Data;
using Platform.Webhooks.Outbound;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Tests;

/// <summary>
/// Events leaving for the organization's endpoints, against a real database and a real receiver on loopback: signed,
/// retried on the schedule, given up on, disabled when gone, and never sent where they must not go.
/// </summary>
public sealed class OutboundTests(WebhooksDatabaseFixture fixture) : IClassFixture<WebhooksDatabaseFixture>, IDisposable
{
    private readonly WebhookReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    /// <summary>
    /// One pass of the dispatcher. It sends what is due in every organization, other tests' leftovers included (to
    /// receivers gone with their tests), so tests look at their own organization's deliveries, not at the pass's count.
    /// </summary>
    private async Task DispatchAsync() => await fixture.Host.Services.GetRequiredService<OutboundDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_subscribed_event_arrives_once_signed_as_Standard_Webhooks()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.state-changed");
        var moved = Moved(organization);
        await FanOutAsync(organization, moved);
        await FanOutAsync(organization, Created(organization));

        await DispatchAsync();
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(StandardWebhooksCheck.Valid, StandardWebhooks.Verify(endpoint.Secret!, request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
            request.Headers["webhook-signature"], Encoding.UTF8.GetBytes(request.Body), fixture.Clock.GetUtcNow()));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("task.state-changed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(("PLAT-3", "Done"), (body.RootElement.GetProperty("data").GetProperty("key").GetString(), body.RootElement.GetProperty("data").GetProperty("toState").GetString()));

        var delivery = Assert.Single(await DeliveriesAsync(organization, endpoint.Id));
        Assert.Equal((DeliveryStatus.Succeeded, 1, 200, "answered 200"), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastResponse));
        Assert.Equal($"msg_{delivery.Id:N}", request.Headers["webhook-id"]);
        await DispatchAsync();
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task A_failed_delivery_is_tried_again_on_the_schedule_and_given_up_after_the_last_try()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.state-changed");
        await FanOutAsync(organization, Moved(organization));
        _receiver.Answer = 500;
        for (var attempt = 1; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            await DispatchAsync();
            var delivery = Assert.Single(await DeliveriesAsync(organization, endpoint.Id));
            Assert.Equal((attempt, 500), (delivery.Attempts, delivery.LastStatusCode));
            if (RetrySchedule.After(attempt) is { } delay)
            {
                Assert.Equal((DeliveryStatus.Pending, fixture.Clock.GetUtcNow() + delay), (delivery.Status, delivery.NextAttemptAt));
                await DispatchAsync();
                Assert.Equal(attempt, _receiver.Requests.Count);
                fixture.Clock.Advance(delay);
            }
            else
            {
                Assert.Equal((DeliveryStatus.Failed, null), (delivery.Status, delivery.NextAttemptAt));
            }
        }

        Assert.Equal(RetrySchedule.MaxAttempts, _receiver.Requests.Count);
        // The same message every time: receivers drop repeats by its id.
        Assert.Single(_receiver.Requests.Select(r => r.Headers["webhook-id"]).Distinct());
        // A person sends it again by hand once the receiver is fixed.
        _receiver.Answer = 202;
        await fixture.InTenantAsync(organization, async services =>
        {
            var catalog = services.GetRequiredService<EndpointCatalog>();
            var delivery = (await catalog.DeliveriesAsync(endpoint.Id, 1, TestContext.Current.CancellationToken))[0];
            await catalog.RedeliverAsync((await catalog.FindDeliveryAsync(endpoint.Id, delivery.Id, TestContext.Current.CancellationToken))!, TestContext.Current.CancellationToken);
        });
        await DispatchAsync();
        var redelivered = Assert.Single(await DeliveriesAsync(organization, endpoint.Id));
        Assert.True(redelivered.Status == DeliveryStatus.Succeeded, $"{redelivered.Status} {redelivered.LastStatusCode} {redelivered.LastResponse}");
        var attempts = await fixture.InTenantAsync(organization, async services => await services.GetRequiredService<WebhooksDbContext>().Attempts.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(RetrySchedule.MaxAttempts + 1, attempts);
    }

    [Fact]
    public async Task An_endpoint_that_answers_410_is_disabled_and_its_creator_told()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.state-changed");
        await FanOutAsync(organization, Moved(organization));
        _receiver.Answer = 410;
        await DispatchAsync();

        var (disabled, delivery, told) = await fixture.InTenantAsync(organization, async services =>
        {
            var db = services.GetRequiredService<WebhooksDbContext>();
            return (await db.Endpoints.SingleAsync(e => e.Id == endpoint.Id, TestContext.Current.CancellationToken),
                await db.OutboundDeliveries.SingleAsync(TestContext.Current.CancellationToken),
                await db.Set<OutboxMessage>().SingleAsync(m => m.OrganizationId == organization, TestContext.Current.CancellationToken));
        });
        Assert.NotNull(disabled.DisabledAt);
        Assert.Contains("410", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal("platform.webhook.endpoint-disabled", told.Type);
        // Disabled endpoints get no more events.
        await FanOutAsync(organization, Moved(organization));
        Assert.Single(await DeliveriesAsync(organization, endpoint.Id));
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.state-changed");
        _receiver.Answer = 503;
        await FanOutAsync(organization, Moved(organization));
        await DispatchAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(5));
        await FanOutAsync(organization, Moved(organization));
        await DispatchAsync();

        var read = await fixture.InTenantAsync(organization, services => services.GetRequiredService<WebhooksDbContext>().Endpoints.SingleAsync(e => e.Id == endpoint.Id, TestContext.Current.CancellationToken));
        Assert.NotNull(read.DisabledAt);
        Assert.StartsWith("Every delivery since", read.DisabledReason, StringComparison.Ordinal);
        Assert.All(await DeliveriesAsync(organization, endpoint.Id), d => Assert.Equal(DeliveryStatus.Failed, d.Status));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_a_failed_attempt()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.state-changed");
        _receiver.Answer = null;
        await FanOutAsync(organization, Moved(organization));
        await DispatchAsync();
        var delivery = Assert.Single(await DeliveriesAsync(organization, endpoint.Id));
        Assert.Equal((DeliveryStatus.Pending, null, "No answer within 2 s."), (delivery.Status, delivery.LastStatusCode, delivery.LastResponse));
    }

    [Fact]
    public async Task During_a_rotation_messages_are_signed_with_the_old_and_the_new_secret()
    {
        var (organization, endpoint) = await AddAsync("standard", OutboundEventTypes.Name<TaskStateChanged>());
        var rotated = await fixture.InTenantAsync(organization, async services =>
        {
            var catalog = services.GetRequiredService<EndpointCatalog>();
            var found = (await catalog.FindAsync(endpoint.Id, TestContext.Current.CancellationToken))!;
            await catalog.RotateSecretAsync(found, TestContext.Current.CancellationToken);
            return found.Secret;
        });
        await FanOutAsync(organization, Moved(organization));
        await DispatchAsync();
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(2, request.Headers["webhook-signature"].Split(' ').Length);
        foreach (var secret in new[] { endpoint.Secret!, rotated })
        {
            Assert.Equal(StandardWebhooksCheck.Valid, StandardWebhooks.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
                request.Headers["webhook-signature"], Encoding.UTF8.GetBytes(request.Body), fixture.Clock.GetUtcNow()));
        }
    }

    [Fact]
    public async Task Slack_and_Teams_endpoints_get_chat_messages_that_link_to_the_task()
    {
        var (organization, slack) = await AddAsync("slack", "task.state-changed", "/slack");
        var (_, teams) = await AddAsync("teams", "task.state-changed", "/teams", organization);
        Assert.Null(slack.Secret);
        await FanOutAsync(organization, Moved(organization));
        await DispatchAsync();

        var messages = _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var slackMessage = messages.Single(m => m.TryGetProperty("blocks", out _));
        Assert.Equal("PLAT-3 moved from In Review to Done", slackMessage.GetProperty("text").GetString());
        Assert.Equal("<https://platform.example/tasks/PLAT-3|PLAT-3 moved from In Review to Done>", slackMessage.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        var card = messages.Single(m => m.TryGetProperty("attachments", out _)).GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        Assert.Equal("https://platform.example/tasks/PLAT-3", card.GetProperty("content").GetProperty("actions")[0].GetProperty("url").GetString());
        Assert.All(_receiver.Requests, r => Assert.False(r.Headers.ContainsKey("webhook-signature")));
    }

    [Fact]
    public async Task A_test_message_reaches_even_a_disabled_endpoint()
    {
        var (organization, endpoint) = await AddAsync("standard", "task.created");
        await fixture.InTenantAsync(organization, async services =>
        {
            var catalog = services.GetRequiredService<EndpointCatalog>();
            var found = (await catalog.FindAsync(endpoint.Id, TestContext.Current.CancellationToken))!;
            Assert.Empty(await catalog.ChangeAsync(found, new EndpointInput(Enabled: false), "owner", TestContext.Current.CancellationToken));
            await catalog.TestAsync(found, TestContext.Current.CancellationToken);
        });
        await DispatchAsync();
        Assert.Equal("webhook.test", JsonDocument.Parse(Assert.Single(_receiver.Requests).Body).RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://169.254.169.254/computeMetadata/v1/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("ftp://example.com/")]
    [InlineData("https://user:pass@example.com/")]
    [InlineData("/relative")]
    public void Private_addresses_and_odd_URLs_are_refused_unless_the_deployment_allows_private_ones(string url)
    {
        var errors = new EndpointInput(url, null, "standard", ["task.created"]).Validate(allowPrivateAddresses: false);
        Assert.True(errors.ContainsKey("url"), url);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void Only_public_addresses_are_public(string address, bool isPublic) => Assert.Equal(isPublic, SafeAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new OutboundOptions { AllowPrivateAddresses = false });
        using var sender = new OutboundSender(fixture.Clock, options);
        var endpoint = new WebhookEndpoint { Url = _receiver.Address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), Format = "standard", Secret = StandardWebhooks.NewSecret(), CreatedBy = "test" };
        var delivery = new OutboundDelivery { Id = Guid.NewGuid(), EventType = "task.created", Payload = "{}", Status = DeliveryStatus.Pending };
        var result = await sender.SendAsync(endpoint, delivery, TestContext.Current.CancellationToken);
        Assert.Null(result.StatusCode);
        Assert.Contains("private, loopback or link-local", result.Response, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    private async Task<(Guid Organization, EndpointView Endpoint)> AddAsync(string format, string eventType, string path = "/hook", Guid? organization = null)
    {
        var tenant = organization ?? Guid.NewGuid();
        var endpoint = await fixture.InTenantAsync(tenant, async services =>
            (await services.GetRequiredService<EndpointCatalog>().AddAsync(new EndpointInput(_receiver.Address + path.TrimStart('/'), "", format, [eventType]), "owner", TestContext.Current.CancellationToken))!);
        return (tenant, EndpointView.Of(endpoint, withSecret: true));
    }

    /// <summary>As the event consumer hands an event over: in the organization, inside a transaction.</summary>
    private Task FanOutAsync(Guid organization, IntegrationEvent happened) => fixture.InTenantAsync(organization, async services =>
    {
        var db = services.GetRequiredService<WebhooksDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var fanout = services.GetRequiredService<OutboundFanout>();
        await (happened switch
        {
            TaskStateChanged e => fanout.HandleAsync(e, TestContext.Current.CancellationToken),
            TaskCreated e => fanout.HandleAsync(e, TestContext.Current.CancellationToken),
            _ => throw new ArgumentException(happened.GetType().Name),
        });
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    });

    private Task<List<OutboundDelivery>> DeliveriesAsync(Guid organization, Guid endpoint) => fixture.InTenantAsync(organization, services =>
        services.GetRequiredService<WebhooksDbContext>().OutboundDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint).OrderBy(d => d.CreatedAt).ToListAsync(TestContext.Current.CancellationToken));

    private TaskStateChanged Moved(Guid organization) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "PLAT-3", "In Review", "inProgress", "Done", "done") { OrganizationId = organization, OccurredAt = fixture.Clock.GetUtcNow() };

    private TaskCreated Created(Guid organization) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "PLAT-4", "Another") { OrganizationId = organization, OccurredAt = fixture.Clock.GetUtcNow() };
}
