using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;

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
    public const int MaxRulesPerProject = 100;

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
        string key, RuleInput request, ClaimsPrincipal user, ProjectsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await ProjectFinder.FindAsync(db, key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        if (await db.Rules.CountAsync(r => r.ProjectId == project.Id, cancellationToken) >= MaxRulesPerProject)
        {
            return TypedResults.Problem(title: "Too many rules", detail: $"A project has at most {MaxRulesPerProject} rules.", statusCode: StatusCodes.Status409Conflict);
        }

        var rule = new AutomationRule
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Name = "",
            Trigger = "",
            Conditions = "",
            Actions = "",
            CreatedBy = user.ActorId(),
            CreatedAt = clock.GetUtcNow(),
        };
        RuleJson.Write(rule, request);
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await WatchDueDatesAsync(db, rule, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Created($"/projects/{project.Key}/rules/{rule.Id}", RuleView.Of(rule));
    }

    public static async Task<Results<Ok<RuleView[]>, NotFound>> List(string key, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(key, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var rules = await db.Rules.AsNoTracking().Where(r => r.ProjectId == project.Id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(RuleView.Of).ToArray());
    }

    public static async Task<Results<Ok<RuleView>, NotFound>> Get(string key, Guid id, ProjectsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, key, id, cancellationToken) is { } rule ? TypedResults.Ok(RuleView.Of(rule)) : TypedResults.NotFound();

    /// <summary>Replaces the rule's name, trigger, conditions and actions, or turns it off (<c>enabled: false</c>); honours <c>If-Match</c>.</summary>
    public static async Task<Results<Ok<RuleView>, ValidationProblem, NotFound, ProblemHttpResult>> Replace(
        string key, Guid id, RuleInput request, HttpContext http, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await FindAsync(db, key, id, cancellationToken) is not { } rule)
        {
            return TypedResults.NotFound();
        }

        if (!ETags.IfMatchHolds(http.Request, rule.Version))
        {
            return ETags.PreconditionFailed("rule");
        }

        RuleJson.Write(rule, request);
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await WatchDueDatesAsync(db, rule, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ETags.PreconditionFailed("rule");
        }

        ETags.Write(http, rule.Version);
        return TypedResults.Ok(RuleView.Of(rule));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(string key, Guid id, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, key, id, cancellationToken) is not { } rule)
        {
            return TypedResults.NotFound();
        }

        db.Rules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The rule's latest runs, newest first: every time its trigger matched, with the outcome and why.</summary>
    public static async Task<Results<Ok<RuleRunView[]>, NotFound>> Runs(string key, Guid id, ProjectsDbContext db, CancellationToken cancellationToken, int limit = 50)
    {
        if (await FindAsync(db, key, id, cancellationToken) is not { } rule)
        {
            return TypedResults.NotFound();
        }

        var runs = await db.RuleRuns.AsNoTracking().Where(r => r.RuleId == rule.Id).OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 200))
            .Select(r => new RuleRunView(r.Id, db.Tasks.Where(t => t.Id == r.TaskId).Select(t => t.Project!.Key + "-" + t.Number).FirstOrDefault() ?? "(deleted)", r.At, r.Outcome, r.Depth, r.Detail))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(runs);
    }

    /// <summary>Lists the rule for the due-date scan while it is enabled with a due-date trigger.</summary>
    private static async Task WatchDueDatesAsync(ProjectsDbContext db, AutomationRule rule, CancellationToken cancellationToken)
    {
        var watched = rule.Enabled && RuleJson.Read(rule).Trigger!.Type == TriggerType.DueDateApproaching;
        await db.DueDateWatches.Where(w => w.RuleId == rule.Id).ExecuteDeleteAsync(cancellationToken);
        if (watched)
        {
            db.DueDateWatches.Add(new DueDateWatch { RuleId = rule.Id, OrganizationId = rule.OrganizationId });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<AutomationRule?> FindAsync(ProjectsDbContext db, string key, Guid id, CancellationToken cancellationToken)
    {
        var projectKey = key.ToUpperInvariant();
        return await db.Rules.SingleOrDefaultAsync(r => r.Id == id && db.Projects.Any(p => p.Id == r.ProjectId && p.Key == projectKey), cancellationToken);
    }
}
