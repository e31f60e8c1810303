using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Notifications.Preferences;

namespace Platform.Notifications.Unsubscribe;

/// <summary>The one anonymous route: a mail client's one-click unsubscribe (RFC 8058), authorised by the link's signature.</summary>
public static class UnsubscribeEndpoints
{
    public static RouteGroupBuilder MapUnsubscribeEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/unsubscribe/{token}", Unsubscribe)
            .WithName("Unsubscribe")
            .WithSummary("Stop mail of one kind (the List-Unsubscribe link of a notification's mail; its signature is the authorisation)")
            .AllowAnonymous()
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<UnsubscribeAnswer>, ProblemHttpResult>> Unsubscribe(
        string token, UnsubscribeLinks links, TenantContext tenant, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } request)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such link", detail: "This unsubscribe link is not one this platform made.");
        }

        using (tenant.Enter(request.OrganizationId))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PreferenceBook>().StopEmailAsync(request.OrganizationId, request.UserId, request.Kind, cancellationToken);
        }

        return TypedResults.Ok(new UnsubscribeAnswer($"No more mail of kind '{request.Kind}'. Choose again in the web app's notification settings."));
    }
}

public sealed record UnsubscribeAnswer(string Message);
