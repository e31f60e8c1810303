using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.EventBus;
using Platform.Webhooks.Data;
using Platform.Webhooks.Integrations;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Inbound;

/// <summary>How a delivery was answered: refused (401/400/422), a replay of one already received (200), or new (202).</summary>
public sealed record InboundOutcome(int Status, string Title, string Detail, string? DeliveryId = null);

/// <summary>
/// One delivery to an organization's inbound address. Nothing is believed before the signature: an unknown address or
/// a bad, missing or stale signature is refused with only a counter kept. A verified delivery is recorded once per
/// sender delivery id (a replay is acknowledged and changes nothing), translated to platform events, and stored with
/// those events in one transaction.
/// </summary>
public sealed class InboundReceiver(WebhooksDbContext db, TenantContext tenant, TimeProvider clock, WebhooksMetrics metrics, AddressDirectory directory)
{
    /// <summary>How long a delivery's raw body is kept, for redelivery and debugging.</summary>
    public static readonly TimeSpan PayloadKeptFor = TimeSpan.FromDays(7);

    /// <summary>How long a rotated-out secret still verifies, so a sender can be updated without losing deliveries.</summary>
    public static readonly TimeSpan PreviousSecretAccepted = TimeSpan.FromHours(24);

    public async Task<InboundOutcome> ReceiveAsync(Guid integrationId, IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        var organization = await directory.OrganizationOfAsync(db, integrationId, cancellationToken);
        if (organization is null)
        {
            return Refused("unknown", "No integration has this address.");
        }

        using var _ = tenant.Enter(organization.Value);
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        if (integration is null)
        {
            return Refused("unknown", "No integration has this address.");
        }

        var now = clock.GetUtcNow();
        if (Verify(integration, headers, body, now) is { } refusal)
        {
            await db.Integrations.Where(i => i.Id == integrationId)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.RejectedCount, i => i.RejectedCount + 1), cancellationToken);
            return Refused(refusal.Reason, refusal.Detail);
        }

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new InboundOutcome(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON document; senders must post application/json.");
        }

        using (payload)
        {
            var sender = new Sender(integration.Id, integration.OrganizationId, integration.Provider, now);
            var eventName = EventName(integration.Provider, headers, payload.RootElement);
            Translation translation;
            try
            {
                translation = Translate(sender, eventName, payload.RootElement);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new InboundOutcome(StatusCodes.Status422UnprocessableEntity, "Unexpected payload",
                    $"The {eventName} payload lacks a field every {eventName} event has ({e.Message}).");
            }

            return await RecordAsync(integration, DeliveryId(integration.Provider, headers, body), eventName, translation, body, now, cancellationToken);
        }
    }

    /// <summary>
    /// Reads a kept delivery again, as if it had just arrived (after a task or project it names was created, say): its
    /// events are announced anew; the delivery's log line says it was replayed. Null when its payload is no longer kept.
    /// </summary>
    public async Task<string?> ReplayAsync(Integration integration, InboundDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Payload is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        using var payload = JsonDocument.Parse(delivery.Payload);
        var translation = Translate(new Sender(integration.Id, integration.OrganizationId, integration.Provider, now), delivery.Event, payload.RootElement);
        foreach (var codeEvent in translation.Events)
        {
            db.AddIntegrationEvent(codeEvent);
        }

        var replayed = $"{translation.Outcome} (replayed {now:yyyy-MM-dd HH:mm} UTC)";
        delivery.Outcome = replayed.Length <= 1000 ? replayed : replayed[..1000];
        await db.SaveChangesAsync(cancellationToken);
        return translation.Outcome;
    }

    private async Task<InboundOutcome> RecordAsync(
        Integration integration, string deliveryId, string eventName, Translation translation, byte[] body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payload = System.Text.Encoding.UTF8.GetString(body);
        var keptUntil = now + PayloadKeptFor;
        // The unique (integration, delivery id) is the replay check: of two copies arriving together, one inserts.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO inbound_deliveries (id, organization_id, integration_id, delivery_id, event, received_at, outcome, payload, kept_until)
            VALUES ({Guid.CreateVersion7()}, {integration.OrganizationId}, {integration.Id}, {deliveryId}, {eventName}, {now}, {translation.Outcome}, {payload}, {keptUntil})
            ON CONFLICT (integration_id, delivery_id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            metrics.Received(integration.Provider, replay: true);
            return new InboundOutcome(StatusCodes.Status200OK, "Already received", $"Delivery {deliveryId} was received before; nothing changed.", deliveryId);
        }

        foreach (var codeEvent in translation.Events)
        {
            db.AddIntegrationEvent(codeEvent);
        }

        // To the minute: concurrent deliveries of one sender would otherwise all wait on its row.
        if (integration.LastDeliveryAt is null || now - integration.LastDeliveryAt > TimeSpan.FromMinutes(1))
        {
            integration.LastDeliveryAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Received(integration.Provider, replay: false);
        return new InboundOutcome(StatusCodes.Status202Accepted, "Received", translation.Outcome, deliveryId);
    }

    private sealed record Refusal(string Reason, string Detail);

    private static Refusal? Verify(Integration integration, IHeaderDictionary headers, byte[] body, DateTimeOffset now)
    {
        var secrets = integration.PreviousSecret is { } previous && integration.PreviousSecretExpiresAt > now
            ? new[] { integration.Secret, previous }
            : [integration.Secret];
        switch (integration.Provider)
        {
            case Providers.GitHub:
                var signature = headers[GitHubSignature.Header].ToString();
                return secrets.Any(secret => GitHubSignature.Verify(secret, body, signature)) ? null
                    : new Refusal(signature.Length == 0 ? "unsigned" : "bad-signature", $"{GitHubSignature.Header} is missing or does not match the body under this integration's secret.");
            case Providers.GitLab:
                return secrets.Any(secret => GitLabToken.Verify(secret, headers[GitLabToken.Header].ToString())) ? null
                    : new Refusal("bad-signature", $"{GitLabToken.Header} is missing or is not this integration's secret token.");
            default:
                var checks = secrets.Select(secret => StandardWebhooks.Verify(secret, headers[StandardWebhooks.IdHeader], headers[StandardWebhooks.TimestampHeader],
                    headers[StandardWebhooks.SignatureHeader], body, now)).ToList();
                return checks.Contains(StandardWebhooksCheck.Valid) ? null
                    : checks[0] == StandardWebhooksCheck.Stale
                        ? new Refusal("stale", $"{StandardWebhooks.TimestampHeader} is more than {StandardWebhooks.Tolerance.TotalMinutes} minutes from now: a late or replayed message.")
                        : new Refusal("bad-signature", $"{StandardWebhooks.SignatureHeader} (with {StandardWebhooks.IdHeader} and {StandardWebhooks.TimestampHeader}) is missing or does not match.");
        }
    }

    private static string EventName(string provider, IHeaderDictionary headers, JsonElement payload) => provider switch
    {
        Providers.GitHub => headers[GitHubTranslator.EventHeader].ToString(),
        Providers.GitLab => headers[GitLabTranslator.EventHeader].ToString(),
        _ => payload.Text("type"),
    } is { Length: > 0 } name ? name[..Math.Min(name.Length, 100)] : "unnamed";

    private static Translation Translate(Sender sender, string eventName, JsonElement payload) => sender.Provider switch
    {
        Providers.GitHub => GitHubTranslator.Translate(sender, eventName, payload),
        Providers.GitLab => GitLabTranslator.Translate(sender, eventName, payload),
        _ => GenericTranslator.Translate(sender, eventName, payload),
    };

    /// <summary>The sender's id of this delivery, the same on its retries; without one, the body's hash (an identical body is a replay).</summary>
    private static string DeliveryId(string provider, IHeaderDictionary headers, byte[] body)
    {
        var given = provider switch
        {
            Providers.GitHub => headers[GitHubTranslator.DeliveryHeader].ToString(),
            Providers.GitLab => headers[GitLabTranslator.DeliveryHeader] is { Count: > 0 } key ? key.ToString() : headers[GitLabTranslator.EventIdHeader].ToString(),
            _ => headers[StandardWebhooks.IdHeader].ToString(),
        };
        return given.Length is > 0 and <= 200 ? given : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    private InboundOutcome Refused(string reason, string detail)
    {
        metrics.Refused(reason);
        return new InboundOutcome(StatusCodes.Status401Unauthorized, "Delivery not verified", detail);
    }
}
