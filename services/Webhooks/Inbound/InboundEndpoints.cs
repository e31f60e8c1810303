using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Webhooks.Inbound;

public static class InboundEndpoints
{
    /// <summary>
    /// The largest delivery the service takes: GitHub's cap on its payloads. The gateway in front takes its own limit
    /// (<c>Gateway:MaxRequestBodyBytes</c>, 10 MB unless raised), which only pushes of very many commits come near.
    /// </summary>
    public const long MaxBodyBytes = 25 * 1024 * 1024;

    public static RouteGroupBuilder MapInboundEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/in/{integrationId:guid}", Receive)
            .WithName("ReceiveDelivery")
            .WithSummary("Receive a signed delivery from a connected sender")
            .WithDescription("The address an organization's integration gives its sender (GitHub, GitLab, or any Standard Webhooks sender). " +
                "No token: the delivery is verified by its signature first (GitHub X-Hub-Signature-256, GitLab X-Gitlab-Token, Standard Webhooks " +
                "webhook-signature within 5 minutes of webhook-timestamp); anything unverified is answered 401 and only counted. A verified delivery " +
                "is answered 202 with what it became; a replay of a delivery id already received is answered 200 and changes nothing.")
            .AllowAnonymous()
            .DisableAntiforgery()
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    public static async Task<Results<Accepted<InboundAnswer>, Ok<InboundAnswer>, ProblemHttpResult>> Receive(
        Guid integrationId, HttpRequest request, InboundReceiver receiver, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var outcome = await receiver.ReceiveAsync(integrationId, request.Headers, buffer.ToArray(), cancellationToken);
        return outcome.Status switch
        {
            StatusCodes.Status202Accepted => TypedResults.Accepted((string?)null, new InboundAnswer(outcome.DeliveryId!, outcome.Detail)),
            StatusCodes.Status200OK => TypedResults.Ok(new InboundAnswer(outcome.DeliveryId!, outcome.Detail)),
            _ => TypedResults.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Detail),
        };
    }
}

/// <summary>The sender's delivery id and what the platform made of it (senders show this in their delivery log).</summary>
public sealed record InboundAnswer(string Delivery, string Outcome);
