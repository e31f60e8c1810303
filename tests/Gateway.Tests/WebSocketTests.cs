using System.Net.WebSockets;
using System.Text;

namespace Platform.Gateway.Tests;

public sealed class WebSocketTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_websocket_passes_through_the_gateway_both_ways()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var gateway = fixture.StartGateway(anonymousRequestsPerMinute: 1000);
        using var socket = new ClientWebSocket();
        var address = new UriBuilder(gateway.Address) { Scheme = "ws", Path = "/api/echo/echo" }.Uri;

        await socket.ConnectAsync(address, cancellation);
        foreach (var message in new[] { "first", "second: ünïcödé 🚀" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellation);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, cancellation);
            Assert.Equal(message, Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellation);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }
}
