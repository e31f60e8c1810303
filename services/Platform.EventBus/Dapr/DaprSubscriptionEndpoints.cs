using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventBus.Consuming;

namespace Platform.EventBus.Dapr;

/// <summary>A subscription as Dapr's programmatic subscription endpoint returns it.</summary>
public sealed record DaprSubscription(
    [property: JsonPropertyName("pubsubname")] string PubsubName,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("deadLetterTopic")] string DeadLetterTopic);

/// <summary>What the app answers the sidecar for a delivered event: <c>SUCCESS</c>, <c>RETRY</c> or <c>DROP</c>.</summary>
public sealed record DaprDeliveryStatus(string Status);

/// <summary>
/// The endpoints a Dapr sidecar calls: <c>GET /dapr/subscribe</c> lists the topics, <c>POST
/// /events/{topic}</c> delivers one CloudEvent. Handled and duplicate events answer SUCCESS; a handler
/// failure answers RETRY (Dapr's resiliency policy retries, then sends it to the dead-letter topic);
/// a malformed or unknown event answers DROP, which Dapr forwards to the dead-letter topic.
/// Only the sidecar may call them: it sends the shared <c>APP_API_TOKEN</c> in <c>dapr-api-token</c>.
/// </summary>
public static partial class DaprSubscriptionEndpoints
{
    public const string ApiTokenHeader = "dapr-api-token";
    public const string ApiTokenSetting = "APP_API_TOKEN";

    public static IEndpointRouteBuilder MapDaprSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(RequireSidecarAsync);
        group.MapGet("/dapr/subscribe", ListSubscriptions);
        group.MapPost("/events/{topic}", DeliverAsync);
        return app;
    }

    public static Ok<DaprSubscription[]> ListSubscriptions(Subscriptions subscriptions, IOptions<EventBusOptions> options) =>
        TypedResults.Ok(subscriptions.Topics
            .Select(topic => new DaprSubscription(options.Value.DaprPubSubName, topic, $"/events/{topic}", DeadLetterTopic(topic)))
            .ToArray());

    public static async Task<Ok<DaprDeliveryStatus>> DeliverAsync(
        string topic, HttpRequest request, EventDispatcher dispatcher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var incoming = dispatcher.Read(body.GetBuffer().AsMemory(0, (int)body.Length));
        var logger = loggers.CreateLogger(typeof(DaprSubscriptionEndpoints));
        if (incoming.Rejection is { } reason)
        {
            LogDropped(logger, topic, reason);
            return Status("DROP");
        }

        try
        {
            await dispatcher.HandleAsync([incoming], cancellationToken);
            return Status("SUCCESS");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetry(logger, incoming.CloudEvent!.Type, incoming.CloudEvent.Id, e);
            return Status("RETRY");
        }
    }

    public static string DeadLetterTopic(string topic) => $"{topic}.dead-letter";

    private static Ok<DaprDeliveryStatus> Status(string status) => TypedResults.Ok(new DaprDeliveryStatus(status));

    private static async ValueTask<object?> RequireSidecarAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[ApiTokenSetting];
        var presented = context.HttpContext.Request.Headers[ApiTokenHeader].ToString();
        if (string.IsNullOrEmpty(expected)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Only the Dapr sidecar may call this endpoint.");
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event on topic {Topic} dropped to the dead-letter topic: {Reason}")]
    private static partial void LogDropped(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Type} failed on event {EventId}; Dapr will retry it.")]
    private static partial void LogRetry(ILogger logger, string type, Guid eventId, Exception exception);
}
