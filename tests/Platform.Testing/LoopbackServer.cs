using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A real HTTP server on a free loopback port (HttpListener) under <c>http://127.0.0.1:{port}/{path}/</c>: each request
/// goes to <c>answer</c> on a task of its own, until the server is disposed. The tests' stand-ins for outside servers
/// (webhook receivers, push services, model servers) answer through it.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();

    public LoopbackServer(string path, Func<HttpListenerContext, Task> answer)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}/{path}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _ = Task.Run(() => ListenAsync(answer));
    }

    public string Address { get; }

    private async Task ListenAsync(Func<HttpListenerContext, Task> answer)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => answer(context));
        }
    }

    public void Dispose() => _listener.Close();
}
