using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;

namespace Platform.Notifications.Inbox;

/// <summary>The caller's own inbox (a person's: machine clients have none).</summary>
public static class InboxEndpoints
{
    public static RouteGroupBuilder MapInboxReads(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", List)
            .WithName("ListInbox")
            .WithSummary("Your notifications, newest first: view inbox (neither archived nor snoozed), unread, snoozed or archived")
            .ProducesValidationProblem();
        api.MapGet("/inbox/unread-count", Unread).WithName("CountUnread").WithSummary("How many notifications in your inbox are unread");
        api.MapGet("/inbox/{id:guid}", Get).WithName("GetNotification").WithSummary("One of your notifications, with its deliveries").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static RouteGroupBuilder MapInboxChanges(this RouteGroupBuilder api)
    {
        api.MapPatch("/inbox/{id:guid}", Change)
            .WithName("ChangeNotification")
            .WithSummary("Mark a notification read or unread, archive it or bring it back, snooze it until a moment (unsnooze: true wakes it)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/inbox/read-all", ReadAll).WithName("ReadAll").WithSummary("Mark everything in your inbox read");
        return api;
    }

    public static async Task<Results<Ok<InboxPage>, ValidationProblem>> List(
        HttpContext http, PersonalInbox inbox, CancellationToken cancellationToken, string view = "inbox", Guid? before = null, int limit = 50)
    {
        if (!PersonalInbox.Views.Contains(view))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["view"] = [$"One of {string.Join(", ", PersonalInbox.Views)}."] });
        }

        if (limit is < 1 or > PersonalInbox.MaxPage)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"From 1 to {PersonalInbox.MaxPage}."] });
        }

        return TypedResults.Ok(await inbox.PageAsync(http.User.UserIdOrNull()!.Value, view, before, limit, cancellationToken));
    }

    public static async Task<Ok<UnreadCount>> Unread(HttpContext http, PersonalInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCount(await inbox.UnreadAsync(http.User.UserIdOrNull()!.Value, cancellationToken)));

    public static async Task<Results<Ok<InboxItem>, ProblemHttpResult>> Get(Guid id, HttpContext http, PersonalInbox inbox, CancellationToken cancellationToken) =>
        await inbox.FindAsync(http.User.UserIdOrNull()!.Value, id, cancellationToken) is { } item ? TypedResults.Ok(item) : NotFound();

    public static async Task<Results<Ok<InboxItem>, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, InboxChange change, HttpContext http, TenantContext tenant, PersonalInbox inbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (change.SnoozedUntil is { } until && (until <= clock.GetUtcNow() || change.Unsnooze))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["snoozedUntil"] = [change.Unsnooze ? "Either snooze until a moment or unsnooze, not both." : "A moment in the future."],
            });
        }

        return await inbox.ChangeAsync(tenant.RequiredOrganizationId, http.User.UserIdOrNull()!.Value, id, change, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : NotFound();
    }

    public static async Task<Ok<ReadCount>> ReadAll(HttpContext http, TenantContext tenant, PersonalInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReadCount(await inbox.ReadAllAsync(tenant.RequiredOrganizationId, http.User.UserIdOrNull()!.Value, cancellationToken)));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification", detail: "You have no notification with this id.");
}

public sealed record UnreadCount(int Unread);

public sealed record ReadCount(int Read);
