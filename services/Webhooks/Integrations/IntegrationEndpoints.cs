using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Webhooks.Data;
using Platform.Webhooks.Inbound;

namespace Platform.Webhooks.Integrations;

public static class IntegrationEndpoints
{
    public static RouteGroupBuilder MapIntegrationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/integrations", List)
            .WithName("ListIntegrations")
            .WithSummary("The organization's connected senders");
        api.MapPost("/integrations", Connect)
            .WithName("ConnectIntegration")
            .WithSummary("Connect a sender (GitHub, GitLab, or any Standard Webhooks sender)")
            .WithDescription("Answers the address to give the sender and its new secret, shown this once: on GitHub, paste them as the webhook's " +
                "payload URL and secret (content type application/json; events: pull requests, pull request reviews, pushes, check runs); on " +
                "GitLab, as the webhook's URL and secret token (merge request, push and pipeline events). Needs org:admin.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/integrations/{id:guid}", Get)
            .WithName("GetIntegration")
            .WithSummary("One integration: its address, when it last received a delivery, how many it refused")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/integrations/{id:guid}/secret", RotateSecret)
            .WithName("RotateIntegrationSecret")
            .WithSummary("Make a new secret; the old one still verifies for 24 hours")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/integrations/{id:guid}", Disconnect)
            .WithName("DisconnectIntegration")
            .WithSummary("Disconnect a sender: its address refuses everything from now on, and its log is deleted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/integrations/{id:guid}/deliveries", Deliveries)
            .WithName("ListInboundDeliveries")
            .WithSummary("The integration's latest verified deliveries, newest first, with what each became")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/integrations/{id:guid}/deliveries/{deliveryId:guid}/payload", Payload)
            .WithName("GetInboundPayload")
            .WithSummary("A delivery's body as it was received (kept for a week), for debugging")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/integrations/{id:guid}/deliveries/{deliveryId:guid}/replay", Replay)
            .WithName("ReplayInboundDelivery")
            .WithSummary("Read a kept delivery again, as if it had just arrived (its events are announced anew)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<IntegrationView[]>> List(IntegrationCatalog catalog, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(cancellationToken)).Select(i => IntegrationView.Of(i, Address(request, i))).ToArray());

    public static async Task<Results<Created<IntegrationView>, ValidationProblem, ProblemHttpResult>> Connect(
        IntegrationInput input, IntegrationCatalog catalog, HttpRequest request, CancellationToken cancellationToken)
    {
        if (input.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await catalog.ConnectAsync(input, request.HttpContext.User.ActorId(), cancellationToken) is not { } integration)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many integrations",
                detail: $"An organization connects at most {IntegrationCatalog.MaxPerOrganization} senders; disconnect one first.");
        }

        return TypedResults.Created($"{request.PathBase}/integrations/{integration.Id}", IntegrationView.Of(integration, Address(request, integration), withSecret: true));
    }

    public static async Task<Results<Ok<IntegrationView>, ProblemHttpResult>> Get(Guid id, IntegrationCatalog catalog, HttpRequest request, CancellationToken cancellationToken) =>
        await catalog.FindAsync(id, cancellationToken) is { } integration ? TypedResults.Ok(IntegrationView.Of(integration, Address(request, integration))) : NotFound(id);

    public static async Task<Results<Ok<IntegrationView>, ProblemHttpResult>> RotateSecret(
        Guid id, IntegrationCatalog catalog, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } integration)
        {
            return NotFound(id);
        }

        await catalog.RotateSecretAsync(integration, cancellationToken);
        return TypedResults.Ok(IntegrationView.Of(integration, Address(request, integration), withSecret: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Disconnect(Guid id, IntegrationCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } integration)
        {
            return NotFound(id);
        }

        await catalog.DisconnectAsync(integration, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<InboundDeliveryView[]>, ProblemHttpResult>> Deliveries(
        Guid id, IntegrationCatalog catalog, CancellationToken cancellationToken, int limit = 50)
    {
        if (await catalog.FindAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        return TypedResults.Ok((await catalog.DeliveriesAsync(id, Math.Clamp(limit, 1, 200), cancellationToken)).ToArray());
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Payload(Guid id, Guid deliveryId, IntegrationCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindDeliveryAsync(id, deliveryId, cancellationToken) switch
        {
            null => DeliveryNotFound(deliveryId),
            { Payload: null } => PayloadGone(deliveryId),
            var delivery => TypedResults.Text(delivery.Payload, "application/json"),
        };

    public static async Task<Results<Accepted<InboundAnswer>, ProblemHttpResult>> Replay(
        Guid id, Guid deliveryId, IntegrationCatalog catalog, InboundReceiver receiver, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } integration || await catalog.FindDeliveryAsync(id, deliveryId, cancellationToken) is not { } delivery)
        {
            return DeliveryNotFound(deliveryId);
        }

        return await receiver.ReplayAsync(integration, delivery, cancellationToken) is { } outcome
            ? TypedResults.Accepted((string?)null, new InboundAnswer(delivery.DeliveryId, outcome))
            : PayloadGone(deliveryId);
    }

    private static ProblemHttpResult DeliveryNotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Delivery not found", detail: $"The integration has no delivery {id}.");

    private static ProblemHttpResult PayloadGone(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Payload no longer kept", detail: $"Delivery {id}'s body was kept for {InboundReceiver.PayloadKeptFor.TotalDays} days and is gone.");

    /// <summary>The address senders post to, as this request reached the platform (through the gateway: its public host and /api/webhooks).</summary>
    private static string Address(HttpRequest request, Integration integration) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/in/{integration.Id}";

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Integration not found", detail: $"The organization has no integration {id}.");
}
