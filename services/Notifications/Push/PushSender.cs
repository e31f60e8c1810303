using System.Net;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Platform.Notifications.Data;

namespace Platform.Notifications.Push;

/// <summary>
/// Hands a message to a browser's push service (RFC 8030), encrypted for the browser (RFC 8291, aes128gcm) and signed
/// with the server's VAPID key (RFC 8292). Redirects are not followed: a push service never sends one.
/// </summary>
public sealed class PushSender : IDisposable
{
    /// <summary>What the push service said: took it, the browser is gone for good, try later, or refused it for good.</summary>
    public enum Answer { Accepted, Gone, Later, Refused }

    private readonly HttpClient _http;
    private readonly PushServiceClient _client;
    private readonly PushKeyring _keyring;
    private readonly IOptions<PushOptions> _options;

    public PushSender(PushKeyring keyring, IOptions<PushOptions> options)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        // A push service's Retry-After is honoured by the dispatcher's own retries, not by waiting inside a batch.
        _client = new PushServiceClient(_http) { AutoRetryAfter = false };
        (_keyring, _options) = (keyring, options);
    }

    public async Task<(Answer Answer, string? Error)> SendAsync(PushDevice device, string content, bool urgent, CancellationToken cancellationToken)
    {
        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.PublicKey);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.AuthSecret);
        var message = new PushMessage(content)
        {
            TimeToLive = (int)_options.Value.TimeToLive.TotalSeconds,
            Urgency = urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
        };
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, _keyring.Authentication, VapidAuthenticationScheme.Vapid, cancellationToken);
            return (Answer.Accepted, null);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return (Answer.Gone, $"The push service no longer knows this browser ({(int)e.StatusCode}).");
        }
        catch (PushServiceClientException e)
        {
            var later = e.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)e.StatusCode >= 500;
            return (later ? Answer.Later : Answer.Refused, $"The push service refused it ({(int)e.StatusCode}): {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (Answer.Later, $"The push service could not be reached: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
