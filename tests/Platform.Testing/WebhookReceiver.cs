using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Platform.Testing;

/// <summary>
/// A real HTTP receiver of webhooks on loopback (HttpListener): it keeps each request's headers (lower-case names) and
/// body, and answers as the test tells it: a status with "answered {status}", or (null) nothing until it is disposed.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly LoopbackServer _server;
    private readonly CancellationTokenSource _stopping = new();

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status the next requests get; null: no answer at all.</summary>
    public int? Answer { get; set; } = 200;

    /// <summary>Where to send: <c>http://127.0.0.1:{port}/hook/</c> (any path below it is received too).</summary>
    public string Address { get; }

    public WebhookReceiver()
    {
        _server = new LoopbackServer("hook", AnswerAsync);
        Address = _server.Address;
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k]!);
        Requests.Enqueue(new Received(headers, await reader.ReadToEndAsync()));
        if (Answer is not { } status)
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        try
        {
            context.Response.StatusCode = status;
            var body = Encoding.UTF8.GetBytes($"answered {status}");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The sender gave up first, or the receiver was stopped.
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived (deliveries leave after the event, from the dispatcher).</summary>
    public async Task<Received[]> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (Requests.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        return [.. Requests];
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _server.Dispose();
        _stopping.Dispose();
    }
}
