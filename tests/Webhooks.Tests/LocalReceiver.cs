using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Webhooks.Tests;

/// <summary>A real HTTP receiver on loopback: it keeps what it was sent and answers as the test tells it (a status, or silence).</summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status the next requests get; null: no answer until the sender gives up.</summary>
    public int? Answer { get; set; } = 200;

    private LocalReceiver(WebApplication app) => _app = app;

    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<LocalReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LocalReceiver(app);
        app.MapPost("/{**path}", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Requests.Enqueue(new Received(request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), await reader.ReadToEndAsync(cancellationToken)));
            if (receiver.Answer is not { } status)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Results.Text($"answered {receiver.Answer}", statusCode: receiver.Answer);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
