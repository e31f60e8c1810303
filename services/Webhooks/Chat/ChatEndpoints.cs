using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;

namespace Platform.Webhooks.Chat;

/// <summary>The caller's own chats (Slack or Teams incoming webhooks) their notifications are posted to.</summary>
public static class ChatEndpoints
{
    public static RouteGroupBuilder MapChatReads(this RouteGroupBuilder api)
    {
        api.MapGet("/me/chats", List).WithName("ListMyChats").WithSummary("Your Slack or Teams chats your notifications are posted to");
        return api;
    }

    public static RouteGroupBuilder MapChatChanges(this RouteGroupBuilder api)
    {
        api.MapPost("/me/chats", Connect)
            .WithName("ConnectMyChat")
            .WithSummary("Connect a Slack or Teams incoming webhook (format slack or teams, url) for your notifications; which kinds go there is chosen in the notification preferences")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/me/chats/{id:guid}", Disconnect)
            .WithName("DisconnectMyChat").WithSummary("Stop posting your notifications to this chat").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<List<ChatView>>> List(HttpContext http, PersonalChats chats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chats.ListAsync(http.User.UserIdOrNull()!.Value, cancellationToken));

    public static async Task<Results<Created<ChatView>, ValidationProblem, ProblemHttpResult>> Connect(
        ChatInput input, HttpContext http, PersonalChats chats, CancellationToken cancellationToken)
    {
        if (input.Validate(chats.AllowsPrivateAddresses) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await chats.ConnectAsync(http.User.UserIdOrNull()!.Value, input, cancellationToken) is { } chat
            ? TypedResults.Created($"/api/webhooks/me/chats/{chat.Id}", chat)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many chats",
                detail: $"You may connect at most {PersonalChats.MaxPerPerson} chats; disconnect one first.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Disconnect(Guid id, HttpContext http, PersonalChats chats, CancellationToken cancellationToken) =>
        await chats.DisconnectAsync(http.User.UserIdOrNull()!.Value, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such chat", detail: "You have no chat with this id.");
}
