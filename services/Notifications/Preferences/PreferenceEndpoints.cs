using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Preferences;

/// <summary>How the caller hears (their own choice, or the organization's until they make one), and the organization's defaults.</summary>
public static class PreferenceEndpoints
{
    public static RouteGroupBuilder MapPreferenceReads(this RouteGroupBuilder api)
    {
        api.MapGet("/preferences", Mine).WithName("GetPreferences").WithSummary("How you hear: email, push and chat per kind, quiet hours, digest (the organization's until you choose)");
        api.MapGet("/reach", Reach).WithName("GetReach").WithSummary("Where your notifications can go besides the inbox and mail: how many browsers have push on, how many chats are connected");
        api.MapGet("/kinds", () => TypedResults.Ok(NoticeKinds.All)).WithName("ListKinds").WithSummary("The kinds of notification");
        api.MapGet("/languages", () => TypedResults.Ok(NoticeTexts.Names)).WithName("ListLanguages").WithSummary("The languages notifications are written in: code and name");
        return api;
    }

    public static RouteGroupBuilder MapPreferenceChanges(this RouteGroupBuilder api)
    {
        api.MapPut("/preferences", PutMine)
            .WithName("PutPreferences")
            .WithSummary("Choose how you hear: language (see /languages), timeZone (IANA), quietFrom/quietUntil (HH:mm, mail and pushes wait until they end), digest (immediately, hourly, daily at digestAt), emailOff (kinds not mailed), pushOff (kinds not pushed), chatOff (kinds not posted to your Slack or Teams)")
            .ProducesValidationProblem();
        api.MapDelete("/preferences", ResetMine).WithName("ResetPreferences").WithSummary("Back to the organization's choice");
        return api;
    }

    public static RouteGroupBuilder MapOrganizationPreferences(this RouteGroupBuilder api)
    {
        api.MapGet("/preferences/organization", Organization).WithName("GetOrganizationPreferences").WithSummary("What members who have not chosen get");
        api.MapPut("/preferences/organization", PutOrganization)
            .WithName("PutOrganizationPreferences").WithSummary("Choose what members who have not chosen get").ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<PreferenceView>> Mine(HttpContext http, PreferenceBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ViewAsync(http.User.UserIdOrNull()!.Value, cancellationToken));

    public static Task<Results<Ok<PreferenceView>, ValidationProblem>> PutMine(
        PreferenceInput input, HttpContext http, TenantContext tenant, PreferenceBook book, CancellationToken cancellationToken) =>
        PutAsync(input, tenant, http.User.UserIdOrNull()!.Value, book, cancellationToken);

    public static async Task<Ok<Reach>> Reach(HttpContext http, PreferenceBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ReachAsync(http.User.UserIdOrNull()!.Value, cancellationToken));

    public static async Task<NoContent> ResetMine(HttpContext http, PreferenceBook book, CancellationToken cancellationToken)
    {
        await book.ResetAsync(http.User.UserIdOrNull()!.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PreferenceView>> Organization(PreferenceBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ViewAsync(Preference.OrganizationDefault, cancellationToken) with { OrganizationDefault = true });

    public static Task<Results<Ok<PreferenceView>, ValidationProblem>> PutOrganization(
        PreferenceInput input, TenantContext tenant, PreferenceBook book, CancellationToken cancellationToken) =>
        PutAsync(input, tenant, Preference.OrganizationDefault, book, cancellationToken);

    private static async Task<Results<Ok<PreferenceView>, ValidationProblem>> PutAsync(
        PreferenceInput input, TenantContext tenant, Guid user, PreferenceBook book, CancellationToken cancellationToken) =>
        input.Validate() is { Count: > 0 } errors
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await book.PutAsync(tenant.RequiredOrganizationId, user, input, cancellationToken));
}
