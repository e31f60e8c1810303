using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Automation;

public sealed record RuleView(
    Guid Id, string Name, bool Enabled, RuleTrigger Trigger, RuleCondition[] Conditions, RuleAction[] Actions, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static RuleView Of(AutomationRule rule)
    {
        var input = RuleJson.Read(rule);
        return new(rule.Id, rule.Name, rule.Enabled, input.Trigger!, input.Conditions ?? [], input.Actions ?? [], rule.CreatedBy, rule.CreatedAt);
    }
}

public sealed record RuleRunView(Guid Id, string Task, DateTimeOffset At, RuleOutcome Outcome, int Depth, string Detail);

public static class RuleEndpoints
{
    public static IEndpointRouteBuilder MapRuleEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Automation");
        write.MapPost("/projects/{key}/rules", Create).WithIdempotency<RuleInput>().WithName("CreateRule").WithSummary("Create an automation rule: trigger, conditions, actions");
        read.MapGet("/projects/{key}/rules", List).WithName("ListRules").WithSummary("The project's automation rules");
        read.MapGet("/projects/{key}/rules/{id:guid}", Get).WithName("GetRule").WithSummary("An automation rule");
        write.MapPut("/projects/{key}/rules/{id:guid}", Replace).WithName("ReplaceRule").WithSummary("Replace an automation rule");
        write.MapDelete("/projects/{key}/rules/{id:guid}", Delete).WithName("DeleteRule").WithSummary("Delete an automation rule");
        read.MapGet("/projects/{key}/rules/{id:guid}/runs", Runs).WithName("ListRuleRuns").WithSummary("What a rule did lately, and why it did nothing");
        return api;
    }

    public static async Task<Results<Created<RuleView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        string key, RuleInput request, ClaimsPrincipal user, ProjectRules rules, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await rules.CreateAsync(key, request, user.ActorId(), cancellationToken);
        return created.Status switch
        {
            RuleChangeStatus.NotFound => TypedResults.NotFound(),
            RuleChangeStatus.TooMany => TypedResults.Problem(
                title: "Too many rules", detail: $"A project has at most {ProjectRules.MaxPerProject} rules.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Created($"/projects/{created.ProjectKey}/rules/{created.Rule!.Id}", RuleView.Of(created.Rule)),
        };
    }

    public static async Task<Results<Ok<RuleView[]>, NotFound>> List(string key, ProjectRules rules, CancellationToken cancellationToken) =>
        await rules.ListAsync(key, cancellationToken) is { } list ? TypedResults.Ok(list.Select(RuleView.Of).ToArray()) : TypedResults.NotFound();

    public static async Task<Results<Ok<RuleView>, NotFound>> Get(string key, Guid id, ProjectRules rules, CancellationToken cancellationToken) =>
        await rules.FindAsync(key, id, cancellationToken) is { } rule ? TypedResults.Ok(RuleView.Of(rule)) : TypedResults.NotFound();

    /// <summary>Replaces the rule's name, trigger, conditions and actions, or turns it off (<c>enabled: false</c>); honours <c>If-Match</c>.</summary>
    public static async Task<Results<Ok<RuleView>, ValidationProblem, NotFound, ProblemHttpResult>> Replace(
        string key, Guid id, RuleInput request, HttpContext http, ProjectRules rules, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var replaced = await rules.ReplaceAsync(key, id, request, version => ETags.IfMatchHolds(http.Request, version), cancellationToken);
        if (replaced.Status == RuleChangeStatus.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (replaced.Status == RuleChangeStatus.VersionChanged)
        {
            return ETags.PreconditionFailed("rule");
        }

        ETags.Write(http, replaced.Rule!.Version);
        return TypedResults.Ok(RuleView.Of(replaced.Rule));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(string key, Guid id, ProjectRules rules, CancellationToken cancellationToken) =>
        await rules.DeleteAsync(key, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>The rule's latest runs, newest first: every time its trigger matched, with the outcome and why.</summary>
    public static async Task<Results<Ok<RuleRunView[]>, NotFound>> Runs(string key, Guid id, ProjectRules rules, CancellationToken cancellationToken, int limit = 50) =>
        await rules.RunsAsync(key, id, limit, cancellationToken) is { } runs ? TypedResults.Ok(runs) : TypedResults.NotFound();
}
