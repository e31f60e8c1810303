using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>
/// The SignalR JSON protocol spoken by hand over a WebSocket, for messages no well-behaved client library would
/// send (a lone surrogate in a string, say). Records end with 0x1E.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private int _nextInvocation;

    public static async Task<RawHubClient> ConnectAsync(Uri gateway, string token)
    {
        var client = new RawHubClient();
        var address = new UriBuilder(gateway) { Scheme = "ws", Path = "/api/collaboration/hubs/documents", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        await client._socket.ConnectAsync(address, TestContext.Current.CancellationToken);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveAsync();
        Assert.Equal("{}", handshake);
        return client;
    }

    /// <summary>Invokes <paramref name="target"/> with arguments written as raw JSON; returns the completion message.</summary>
    public async Task<JsonElement> InvokeAsync(string target, string rawArguments)
    {
        var id = (++_nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync($$"""{"type":1,"invocationId":"{{id}}","target":"{{target}}","arguments":[{{rawArguments}}]}""");
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync());
            if (message.RootElement.GetProperty("type").GetInt32() == 3 && message.RootElement.GetProperty("invocationId").GetString() == id)
            {
                return message.RootElement.Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        _socket.Dispose();
    }

    private Task SendAsync(string record) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            var received = await _socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }
}
