using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Data;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Outbox;

namespace Platform.EventBus.Tests;

/// <summary>The service's side of Dapr pub/sub, called exactly as a sidecar calls it.</summary>
public sealed class DaprSubscriptionTests(EventBusFixture fixture) : IAsyncLifetime
{
    private const string SidecarToken = "sidecar-secret";
    private readonly Guid _organization = Guid.NewGuid();
    private readonly HandlerBehaviour _behaviour = new();
    private string _database = "";
    private WebApplication? _app;
    private HttpClient? _sidecar;

    public async ValueTask InitializeAsync()
    {
        _database = await fixture.CreateDatabaseAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_HTTP_PORT"] = "3500",
            ["DAPR_GRPC_PORT"] = "50001",
            [Dapr.DaprSubscriptionEndpoints.ApiTokenSetting] = SidecarToken,
        });
        builder.Services.AddDbContext<TestDbContext>((services, options) => options.UseNpgsql(_database)
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>(), services.GetRequiredService<OutboxSignal>()));
        builder.Services.AddSingleton(_behaviour);
        builder.AddEventBus<TestDbContext>("notes-consumer").Subscribe<NoteWritten, RecordingHandler>();
        _app = builder.Build();
        _app.MapEventBus();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _sidecar = _app.GetTestClient();
        _sidecar.DefaultRequestHeaders.Add(Dapr.DaprSubscriptionEndpoints.ApiTokenHeader, SidecarToken);
    }

    [Fact]
    public async Task The_sidecar_learns_the_topics_routes_and_dead_letter_topics()
    {
        var subscriptions = await _sidecar!.GetFromJsonAsync<JsonArray>("/dapr/subscribe", TestContext.Current.CancellationToken);

        var subscription = Assert.Single(subscriptions!)!;
        Assert.Equal("pubsub", (string?)subscription["pubsubname"]);
        Assert.Equal("test-notes", (string?)subscription["topic"]);
        Assert.Equal("/events/test-notes", (string?)subscription["route"]);
        Assert.Equal("test-notes.dead-letter", (string?)subscription["deadLetterTopic"]);
    }

    [Fact]
    public async Task A_delivered_cloud_event_is_handled_once_even_when_delivered_twice()
    {
        var note = new NoteWritten(Guid.NewGuid(), "via dapr") { OrganizationId = _organization };

        Assert.Equal("SUCCESS", await DeliverAsync(AsDelivered(note)));
        Assert.Equal("SUCCESS", await DeliverAsync(AsDelivered(note)));

        var received = Assert.Single(await EventBusHost.ReceivedAsync(_database));
        Assert.Equal(note.Id, received.EventId);
        Assert.Equal(_organization.ToString(), received.Tenant);
    }

    [Fact]
    public async Task A_failing_handler_asks_the_sidecar_to_retry()
    {
        _behaviour.BeforeWrite = (_, _) => throw new InvalidOperationException("Not now.");

        Assert.Equal("RETRY", await DeliverAsync(AsDelivered(new NoteWritten(Guid.NewGuid(), "later") { OrganizationId = _organization })));
        Assert.Empty(await EventBusHost.ReceivedAsync(_database));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"specversion":"1.0","id":"x"}""")]
    public async Task A_malformed_event_is_dropped_to_the_dead_letter_topic(string body)
    {
        Assert.Equal("DROP", await DeliverAsync(body));
    }

    [Fact]
    public async Task An_event_of_a_newer_schema_version_is_dropped()
    {
        var delivered = AsDelivered(new NoteWritten(Guid.NewGuid(), "v2") { OrganizationId = _organization })
            .Replace("\"schemaversion\":1", "\"schemaversion\":2", StringComparison.Ordinal);

        Assert.Equal("DROP", await DeliverAsync(delivered));
    }

    [Fact]
    public async Task Only_the_sidecar_may_deliver()
    {
        using var stranger = _app!.GetTestClient();

        var response = await stranger.PostAsync("/events/test-notes", new StringContent("{}", Encoding.UTF8, CloudEventJson.ContentType), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await EventBusHost.ReceivedAsync(_database));
    }

    /// <summary>Our CloudEvent as the sidecar hands it on: Dapr adds its own attributes (topic, pubsubname, trace ids).</summary>
    private static string AsDelivered(NoteWritten note)
    {
        var cloudEvent = JsonNode.Parse(CloudEventJson.Serialize(OutboxMessage.For(note), "/notes-producer"))!.AsObject();
        cloudEvent["pubsubname"] = "pubsub";
        cloudEvent["topic"] = "test-notes";
        cloudEvent["traceid"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        return cloudEvent.ToJsonString();
    }

    private async Task<string?> DeliverAsync(string body)
    {
        var response = await _sidecar!.PostAsync("/events/test-notes", new StringContent(body, Encoding.UTF8, CloudEventJson.ContentType), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["status"];
    }

    public async ValueTask DisposeAsync()
    {
        _sidecar?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
