using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Data;

namespace Platform.Notifications.Push;

/// <summary>Web push for the caller's browsers: the server's public key to subscribe with, and the browsers push reaches.</summary>
public static class PushEndpoints
{
    public static RouteGroupBuilder MapPushReads(this RouteGroupBuilder api)
    {
        api.MapGet("/push/key", Key)
            .WithName("GetPushKey")
            .WithSummary("The server's VAPID public key (base64url): the applicationServerKey a browser subscribes with")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/push/devices", List).WithName("ListPushDevices").WithSummary("Your browsers with push notifications turned on");
        return api;
    }

    public static RouteGroupBuilder MapPushChanges(this RouteGroupBuilder api)
    {
        api.MapPost("/push/devices", Add)
            .WithName("AddPushDevice")
            .WithSummary("Turn push on for a browser: its PushSubscription as toJSON() gives it (endpoint, keys.p256dh, keys.auth), and a label")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/push/devices/{id:guid}", Remove)
            .WithName("RemovePushDevice").WithSummary("Turn push off for one of your browsers").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static Results<Ok<PushKey>, ProblemHttpResult> Key(PushKeyring keyring) =>
        keyring.Keys is { } keys ? TypedResults.Ok(new PushKey(keys.PublicKey)) : PushOff();

    public static async Task<Ok<List<PushDeviceView>>> List(HttpContext http, PushDevices devices, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.ListAsync(http.User.UserIdOrNull()!.Value, cancellationToken));

    public static async Task<Results<Ok<PushDeviceView>, ValidationProblem, ProblemHttpResult>> Add(
        PushDeviceInput input, HttpContext http, TenantContext tenant, PushDevices devices, PushKeyring keyring, IOptions<PushOptions> options,
        CancellationToken cancellationToken)
    {
        if (keyring.Keys is null)
        {
            return PushOff();
        }

        if (input.Validate(options.Value) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await devices.AddAsync(tenant.RequiredOrganizationId, http.User.UserIdOrNull()!.Value, input, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, HttpContext http, PushDevices devices, CancellationToken cancellationToken) =>
        await devices.RemoveAsync(http.User.UserIdOrNull()!.Value, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such browser", detail: "None of your browsers with push turned on has this id.");

    private static ProblemHttpResult PushOff() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Push is off",
        detail: "This platform has no web push key configured (Notifications:Push:Key); notifications come to the inbox and by email.");
}

public sealed record PushKey(string PublicKey);
