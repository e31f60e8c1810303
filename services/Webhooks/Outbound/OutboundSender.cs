using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Webhooks.Data;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Outbound;

/// <summary>The answer to one attempt: its status code (none when the request failed), how long it took, and the start of the answer.</summary>
public sealed record AttemptResult(int? StatusCode, TimeSpan Duration, string? Response)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>410 Gone: the receiver says the endpoint no longer exists.</summary>
    public bool Gone => StatusCode == 410;
}

/// <summary>
/// Posts one delivery to its endpoint: a Standard Webhooks message signed with the endpoint's secret (and its previous
/// one while a rotation overlaps), or a chat message as is; with a timeout, to public addresses only. Its client is its
/// own, not the factory's: the services' defaults would retry (a receiver must see one request per attempt) and resolve
/// service names (an endpoint must never reach the platform's own services).
/// </summary>
public sealed class OutboundSender(TimeProvider clock, IOptions<OutboundOptions> options) : IDisposable
{
    public const int ExcerptLength = 1000;

    private readonly HttpClient _client = new(SafeAddresses.Handler(options.Value.AllowPrivateAddresses)) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<AttemptResult> SendAsync(WebhookEndpoint endpoint, OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Platform-Webhooks", "1.0"));
        if (endpoint.Format == OutboundMessages.Standard)
        {
            Sign(request, endpoint, delivery);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new AttemptResult((int)response.StatusCode, Stopwatch.GetElapsedTime(started), await ExcerptAsync(response, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), $"No answer within {options.Value.AttemptTimeout.TotalSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), Cut(e.InnerException is RefusedAddressException refused ? refused.Message : e.Message));
        }
    }

    private void Sign(HttpRequestMessage request, WebhookEndpoint endpoint, OutboundDelivery delivery)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var id = OutboundMessages.MessageId(delivery.Id);
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var signatures = new List<string> { StandardWebhooks.Sign(endpoint.Secret, id, timestamp, body) };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            signatures.Add(StandardWebhooks.Sign(previous, id, timestamp, body));
        }

        request.Headers.Add(StandardWebhooks.IdHeader, id);
        request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhooks.SignatureHeader, string.Join(' ', signatures));
    }

    /// <summary>The first characters of the answer, read no further (a receiver may answer with anything, of any length).</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new char[ExcerptLength];
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return read == 0 ? null : new string(buffer, 0, read);
    }

    public void Dispose() => _client.Dispose();

    private static string Cut(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength];
}
