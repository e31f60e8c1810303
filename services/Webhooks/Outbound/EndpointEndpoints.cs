using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Webhooks.Outbound;

public static class EndpointEndpoints
{
    public static RouteGroupBuilder MapEndpointEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/event-types", () => TypedResults.Ok(OutboundEventTypes.All))
            .WithName("ListEventTypes").WithSummary("The event types an endpoint can subscribe to");
        api.MapGet("/endpoints", List).WithName("ListEndpoints").WithSummary("The organization's outbound webhook endpoints");
        api.MapPost("/endpoints", Add)
            .WithName("AddEndpoint")
            .WithSummary("Send the organization's events to an address")
            .WithDescription("format standard: Standard Webhooks messages ({type, timestamp, data}) signed with the secret in the answer (shown " +
                "this once; verify webhook-signature over webhook-id.webhook-timestamp.body). format slack or teams: the address is a Slack or Teams " +
                "incoming webhook, and each event arrives as a message (Block Kit, Adaptive Card). Failed deliveries are retried after 5 s, 5 min, " +
                "30 min, 2 h, 5 h, 10 h and 10 h; an endpoint that answers 410 or fails for 5 days is disabled and its creator told. Needs org:admin.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/endpoints/{id:guid}", Get).WithName("GetEndpoint").WithSummary("One endpoint").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/endpoints/{id:guid}", Change)
            .WithName("ChangeEndpoint")
            .WithSummary("Change an endpoint's address, format or events, or turn it off (enabled: false) and back on")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/endpoints/{id:guid}", Remove).WithName("RemoveEndpoint").WithSummary("Remove an endpoint and its log").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/endpoints/{id:guid}/secret", RotateSecret)
            .WithName("RotateEndpointSecret")
            .WithSummary("A new signing secret; messages carry signatures of the old and the new one for 24 hours")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/endpoints/{id:guid}/test", Test)
            .WithName("TestEndpoint").WithSummary("Send the endpoint a test message now").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/endpoints/{id:guid}/deliveries", Deliveries)
            .WithName("ListOutboundDeliveries").WithSummary("The endpoint's latest messages, newest first, with their last answer").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/endpoints/{id:guid}/deliveries/{deliveryId:guid}/attempts", Attempts)
            .WithName("ListDeliveryAttempts").WithSummary("Every attempt of one message").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/endpoints/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver)
            .WithName("Redeliver").WithSummary("Send a message again now").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<EndpointView[]>> List(EndpointCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(cancellationToken)).Select(e => EndpointView.Of(e)).ToArray());

    public static async Task<Results<Created<EndpointView>, ValidationProblem, ProblemHttpResult>> Add(
        EndpointInput input, EndpointCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        if (input.Validate(catalog.AllowsPrivateAddresses) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await catalog.AddAsync(input, http.User.ActorId(), cancellationToken) is not { } endpoint)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many endpoints",
                detail: $"An organization sends to at most {EndpointCatalog.MaxPerOrganization} endpoints; remove one first.");
        }

        return TypedResults.Created($"{http.Request.PathBase}/endpoints/{endpoint.Id}", EndpointView.Of(endpoint, withSecret: true));
    }

    public static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> Get(Guid id, EndpointCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(id, cancellationToken) is { } endpoint ? TypedResults.Ok(EndpointView.Of(endpoint)) : NotFound(id);

    public static async Task<Results<Ok<EndpointView>, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, EndpointInput change, EndpointCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } endpoint)
        {
            return NotFound(id);
        }

        return await catalog.ChangeAsync(endpoint, change, http.User.ActorId(), cancellationToken) is { Count: > 0 } errors
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(EndpointView.Of(endpoint));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, EndpointCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } endpoint)
        {
            return NotFound(id);
        }

        await catalog.RemoveAsync(endpoint, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> RotateSecret(Guid id, EndpointCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } endpoint)
        {
            return NotFound(id);
        }

        await catalog.RotateSecretAsync(endpoint, cancellationToken);
        return TypedResults.Ok(EndpointView.Of(endpoint, withSecret: true));
    }

    public static async Task<Results<Accepted<OutboundDeliveryView>, ProblemHttpResult>> Test(Guid id, EndpointCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(id, cancellationToken) is { } endpoint
            ? TypedResults.Accepted((string?)null, OutboundDeliveryView.Of(await catalog.TestAsync(endpoint, cancellationToken)))
            : NotFound(id);

    public static async Task<Results<Ok<OutboundDeliveryView[]>, ProblemHttpResult>> Deliveries(
        Guid id, EndpointCatalog catalog, CancellationToken cancellationToken, int limit = 50) =>
        await catalog.FindAsync(id, cancellationToken) is null
            ? NotFound(id)
            : TypedResults.Ok((await catalog.DeliveriesAsync(id, Math.Clamp(limit, 1, 200), cancellationToken)).Select(OutboundDeliveryView.Of).ToArray());

    public static async Task<Results<Ok<DeliveryAttemptView[]>, ProblemHttpResult>> Attempts(
        Guid id, Guid deliveryId, EndpointCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindDeliveryAsync(id, deliveryId, cancellationToken) is null
            ? DeliveryNotFound(deliveryId)
            : TypedResults.Ok((await catalog.AttemptsAsync(deliveryId, cancellationToken))
                .Select(a => new DeliveryAttemptView(a.At, a.StatusCode, a.DurationMilliseconds, a.Response)).ToArray());

    public static async Task<Results<Accepted<OutboundDeliveryView>, ProblemHttpResult>> Redeliver(
        Guid id, Guid deliveryId, EndpointCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindDeliveryAsync(id, deliveryId, cancellationToken) is not { } delivery)
        {
            return DeliveryNotFound(deliveryId);
        }

        await catalog.RedeliverAsync(delivery, cancellationToken);
        return TypedResults.Accepted((string?)null, OutboundDeliveryView.Of(delivery));
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Endpoint not found", detail: $"The organization has no webhook endpoint {id}.");

    private static ProblemHttpResult DeliveryNotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Delivery not found", detail: $"The endpoint has no delivery {id}.");
}
