using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventBus.Outbox;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;
using Platform.Webhooks.Integrations;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Tests;

/// <summary>
/// Deliveries to an organization's inbound address against a real database: verified before anything is believed,
/// recorded once, turned into events in the same transaction, kept for a bounded time, and never seen by another tenant.
/// </summary>
public sealed class InboundTests(WebhooksDatabaseFixture fixture) : IClassFixture<WebhooksDatabaseFixture>
{
    private static readonly string MergedPullRequest = Payloads.GitHubPullRequest("closed", merged: true, "Sign-in retries", "Fixes PLAT-3");

    [Fact]
    public async Task A_signed_GitHub_delivery_is_recorded_once_and_becomes_an_event()
    {
        var (organization, integration) = await ConnectAsync("github");
        var headers = GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        var first = await fixture.DeliverAsync(integration.Id, headers, MergedPullRequest);
        Assert.Equal(202, first.Status);
        Assert.Equal("pull request acme/api#12 merged: PLAT-3", first.Detail);
        // GitHub redelivers with the same delivery id: acknowledged, nothing announced twice.
        var replay = await fixture.DeliverAsync(integration.Id, headers, MergedPullRequest);
        Assert.Equal((200, "Already received"), (replay.Status, replay.Title));

        var (deliveries, events, known) = await fixture.InTenantAsync(organization, async services =>
        {
            var db = services.GetRequiredService<WebhooksDbContext>();
            return (await db.InboundDeliveries.ToListAsync(TestContext.Current.CancellationToken),
                await db.Set<OutboxMessage>().Where(m => m.OrganizationId == organization).ToListAsync(TestContext.Current.CancellationToken),
                await db.Integrations.SingleAsync(TestContext.Current.CancellationToken));
        });
        var delivery = Assert.Single(deliveries);
        Assert.Equal(("72d3162e-cc78-11e3-81ab-4c9367dc0958", "pull_request", MergedPullRequest), (delivery.DeliveryId, delivery.Event, delivery.Payload));
        Assert.Equal(fixture.Clock.GetUtcNow() + InboundReceiver.PayloadKeptFor, delivery.KeptUntil);
        Assert.Equal("platform.code.pull-request-changed", Assert.Single(events).Type);
        Assert.Equal(fixture.Clock.GetUtcNow(), known.LastDeliveryAt);
    }

    [Fact]
    public async Task An_unsigned_or_tampered_delivery_is_refused_and_only_counted()
    {
        var (organization, integration) = await ConnectAsync("github");
        var signed = GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "d-1");
        var tampered = MergedPullRequest.Replace("Fixes PLAT-3", "Fixes PLAT-4", StringComparison.Ordinal);

        Assert.Equal(401, (await fixture.DeliverAsync(integration.Id, signed, tampered)).Status);
        Assert.Equal(401, (await fixture.DeliverAsync(integration.Id, new() { ["X-GitHub-Event"] = "pull_request", ["X-GitHub-Delivery"] = "d-2" }, MergedPullRequest)).Status);
        var otherSecret = GitHubHeaders("guessed", MergedPullRequest, "pull_request", "d-3");
        var refused = await fixture.DeliverAsync(integration.Id, otherSecret, MergedPullRequest);
        Assert.Equal((401, "Delivery not verified"), (refused.Status, refused.Title));
        Assert.Contains("X-Hub-Signature-256", refused.Detail, StringComparison.Ordinal);

        var (deliveries, events, known) = await CountsAsync(organization);
        Assert.Equal((0, 0, 3), (deliveries, events, known.RejectedCount));
    }

    [Fact]
    public async Task An_address_no_integration_has_is_refused()
    {
        var outcome = await fixture.DeliverAsync(Guid.NewGuid(), new() { ["X-GitHub-Event"] = "ping" }, "{}");
        Assert.Equal((401, "No integration has this address."), (outcome.Status, outcome.Detail));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_JSON_or_lacks_what_its_event_has_is_a_client_error()
    {
        var (organization, integration) = await ConnectAsync("github");
        Assert.Equal(400, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, "not json", "push", "n-1"), "not json")).Status);
        const string noPullRequest = """{"action": "opened"}""";
        var outcome = await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, noPullRequest, "pull_request", "n-2"), noPullRequest);
        Assert.Equal(422, outcome.Status);
        Assert.Contains("pull_request", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await CountsAsync(organization)).Deliveries);
    }

    [Fact]
    public async Task A_GitLab_delivery_carries_its_secret_token_and_an_idempotency_key()
    {
        var (organization, integration) = await ConnectAsync("gitlab");
        var body = Payloads.GitLabMergeRequest("open", "opened", "WEB-1 search", "", "main");
        var headers = new Dictionary<string, string> { ["X-Gitlab-Event"] = "Merge Request Hook", ["X-Gitlab-Token"] = integration.Secret, ["Idempotency-Key"] = "k-1" };
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, headers, body)).Status);
        Assert.Equal(200, (await fixture.DeliverAsync(integration.Id, headers, body)).Status);
        headers["X-Gitlab-Token"] = integration.Secret + "x";
        headers["Idempotency-Key"] = "k-2";
        Assert.Equal(401, (await fixture.DeliverAsync(integration.Id, headers, body)).Status);
        Assert.Equal((1, 1, 1L), ((await CountsAsync(organization)).Deliveries, (await CountsAsync(organization)).Events, (await CountsAsync(organization)).Integration.RejectedCount));
    }

    [Fact]
    public async Task A_Standard_Webhooks_message_is_refused_once_its_timestamp_is_five_minutes_old()
    {
        var (organization, integration) = await ConnectAsync("generic");
        Assert.StartsWith(StandardWebhooks.SecretPrefix, integration.Secret, StringComparison.Ordinal);
        const string body = """{"type": "check.changed", "data": {"name": "deploy", "status": "completed", "conclusion": "success", "taskKeys": ["PLAT-1"]}}""";
        var sentAt = fixture.Clock.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = sentAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = StandardWebhooks.Sign(integration.Secret, "msg_1", sentAt, Encoding.UTF8.GetBytes(body)),
        };
        var stale = await fixture.DeliverAsync(integration.Id, headers, body);
        Assert.Equal(401, stale.Status);
        Assert.Contains("5 minutes", stale.Detail, StringComparison.Ordinal);

        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        headers["webhook-timestamp"] = now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["webhook-signature"] = StandardWebhooks.Sign(integration.Secret, "msg_1", now, Encoding.UTF8.GetBytes(body));
        var fresh = await fixture.DeliverAsync(integration.Id, headers, body);
        Assert.Equal((202, "msg_1"), (fresh.Status, fresh.DeliveryId));
        Assert.Equal(1, (await CountsAsync(organization)).Events);
    }

    [Fact]
    public async Task After_a_rotation_the_old_secret_verifies_for_a_day_only()
    {
        var (organization, integration) = await ConnectAsync("github");
        var rotated = await fixture.InTenantAsync(organization, async services =>
        {
            var catalog = services.GetRequiredService<IntegrationCatalog>();
            var found = (await catalog.FindAsync(integration.Id, TestContext.Current.CancellationToken))!;
            await catalog.RotateSecretAsync(found, TestContext.Current.CancellationToken);
            return found;
        });
        Assert.NotEqual(integration.Secret, rotated.Secret);

        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "r-1"), MergedPullRequest)).Status);
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(rotated.Secret, MergedPullRequest, "pull_request", "r-2"), MergedPullRequest)).Status);
        fixture.Clock.Advance(InboundReceiver.PreviousSecretAccepted + TimeSpan.FromMinutes(1));
        Assert.Equal(401, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "r-3"), MergedPullRequest)).Status);
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(rotated.Secret, MergedPullRequest, "pull_request", "r-4"), MergedPullRequest)).Status);
    }

    [Fact]
    public async Task Payloads_go_after_a_week_and_the_log_after_a_month()
    {
        var (organization, integration) = await ConnectAsync("github");
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "k-1"), MergedPullRequest)).Status);
        var retention = fixture.Host.Services.GetRequiredService<InboundRetention>();

        fixture.Clock.Advance(InboundReceiver.PayloadKeptFor + TimeSpan.FromHours(1));
        await retention.ScanAsync(TestContext.Current.CancellationToken);
        var kept = await fixture.InTenantAsync(organization, services => services.GetRequiredService<WebhooksDbContext>().InboundDeliveries.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Null(kept.Payload);
        // The log line still recognises a replay.
        Assert.Equal(200, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "k-1"), MergedPullRequest)).Status);

        fixture.Clock.Advance(InboundRetention.LogKeptFor);
        await retention.ScanAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CountsAsync(organization)).Deliveries);
    }

    [Fact]
    public async Task A_kept_delivery_read_again_announces_its_events_anew_until_its_payload_is_gone()
    {
        var (organization, integration) = await ConnectAsync("github");
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "again-1"), MergedPullRequest)).Status);
        Task<string?> ReplayAsync() => fixture.InTenantAsync(organization, async services =>
        {
            var catalog = services.GetRequiredService<IntegrationCatalog>();
            var delivery = (await services.GetRequiredService<WebhooksDbContext>().InboundDeliveries.SingleAsync(TestContext.Current.CancellationToken));
            return await services.GetRequiredService<InboundReceiver>().ReplayAsync(
                (await catalog.FindAsync(integration.Id, TestContext.Current.CancellationToken))!, delivery, TestContext.Current.CancellationToken);
        });

        Assert.Equal("pull request acme/api#12 merged: PLAT-3", await ReplayAsync());
        var (deliveries, events, _) = await CountsAsync(organization);
        Assert.Equal((1, 2), (deliveries, events));
        var line = await fixture.InTenantAsync(organization, services => services.GetRequiredService<WebhooksDbContext>().InboundDeliveries.SingleAsync(TestContext.Current.CancellationToken));
        Assert.EndsWith("UTC)", line.Outcome, StringComparison.Ordinal);
        Assert.Contains("(replayed ", line.Outcome, StringComparison.Ordinal);

        fixture.Clock.Advance(InboundReceiver.PayloadKeptFor + TimeSpan.FromHours(1));
        await fixture.Host.Services.GetRequiredService<InboundRetention>().ScanAsync(TestContext.Current.CancellationToken);
        Assert.Null(await ReplayAsync());
    }

    [Fact]
    public async Task Another_organization_sees_neither_the_integration_nor_its_deliveries()
    {
        var (_, integration) = await ConnectAsync("github");
        Assert.Equal(202, (await fixture.DeliverAsync(integration.Id, GitHubHeaders(integration.Secret, MergedPullRequest, "pull_request", "t-1"), MergedPullRequest)).Status);
        var other = Guid.NewGuid();
        var (list, found, deliveries) = await fixture.InTenantAsync(other, async services =>
        {
            var catalog = services.GetRequiredService<IntegrationCatalog>();
            var db = services.GetRequiredService<WebhooksDbContext>();
            return (await catalog.ListAsync(TestContext.Current.CancellationToken), await catalog.FindAsync(integration.Id, TestContext.Current.CancellationToken),
                await db.InboundDeliveries.CountAsync(TestContext.Current.CancellationToken));
        });
        Assert.Equal((0, null, 0), (list.Count, found, deliveries));
    }

    private async Task<(Guid Organization, Integration Integration)> ConnectAsync(string provider)
    {
        var organization = Guid.NewGuid();
        var integration = await fixture.InTenantAsync(organization, async services =>
            (await services.GetRequiredService<IntegrationCatalog>().ConnectAsync(new IntegrationInput(provider, $"{provider} of acme"), "test", TestContext.Current.CancellationToken))!);
        return (organization, integration);
    }

    private Task<(int Deliveries, int Events, Integration Integration)> CountsAsync(Guid organization) => fixture.InTenantAsync(organization, async services =>
    {
        var db = services.GetRequiredService<WebhooksDbContext>();
        return (await db.InboundDeliveries.CountAsync(TestContext.Current.CancellationToken),
            await db.Set<OutboxMessage>().CountAsync(m => m.OrganizationId == organization, TestContext.Current.CancellationToken),
            await db.Integrations.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
    });

    private static Dictionary<string, string> GitHubHeaders(string secret, string body, string gitHubEvent, string delivery) => new()
    {
        [GitHubTranslator.EventHeader] = gitHubEvent,
        [GitHubTranslator.DeliveryHeader] = delivery,
        [GitHubSignature.Header] = GitHubSignature.Sign(secret, Encoding.UTF8.GetBytes(body)),
    };
}
