using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Dapr.Client.Autogen.Grpc.v1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.EventBus.Tests;

/// <summary>
/// The sidecar's publish method on real gRPC over HTTP/2, so DaprClient is exercised as it is against
/// daprd: it records each PublishEvent request and answers success.
/// </summary>
public sealed class FakeDaprSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDaprSidecar(WebApplication app) => _app = app;

    public ConcurrentQueue<PublishEventRequest> Published { get; } = new();

    public Uri GrpcEndpoint => new(_app.Urls.Single());

    public static async Task<FakeDaprSidecar> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var sidecar = new FakeDaprSidecar(app);
        app.MapPost("/dapr.proto.runtime.v1.Dapr/PublishEvent", sidecar.PublishAsync);
        await app.StartAsync();
        return sidecar;
    }

    private async Task PublishAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        // gRPC framing: one byte "compressed", four bytes big-endian length, then the protobuf message.
        var frame = body.ToArray();
        var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
        Published.Enqueue(PublishEventRequest.Parser.ParseFrom(frame, 5, length));

        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]); // an empty reply message
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
