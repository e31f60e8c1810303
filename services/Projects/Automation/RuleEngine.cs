using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.Projects.Comments;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Automation;

/// <summary>
/// What happened to which task, as seen by rules: the trigger, the event that carried it and how deep in a rule chain it
/// is. <see cref="ToState"/> is what a trigger's State is compared with: the state entered, the pull request's change, or
/// the check's conclusion.
/// </summary>
public sealed record RuleOccasion(TriggerType Trigger, Guid TaskId, Guid EventId, int AutomationDepth, string? ToState = null, IReadOnlyCollection<string>? ChangedFields = null);

/// <summary>
/// Runs the enabled rules of a task's project whose trigger matches, inside the event handler's transaction.
/// Each rule's actions run under a savepoint: a rule that fails is rolled back alone and logged, and never
/// undoes the change that triggered it (that was committed by the request long before). Changes made by
/// rules carry the depth of the chain; past <see cref="MaxDepth"/> the chain stops and says so in the log.
/// </summary>
public sealed class RuleEngine(ProjectsDbContext db, TimeProvider clock, ILogger<RuleEngine> logger)
{
    public const int MaxDepth = 5;

    public async Task RunAsync(RuleOccasion occasion, CancellationToken cancellationToken)
    {
        var projectId = await db.Tasks.Where(t => t.Id == occasion.TaskId).Select(t => (Guid?)t.ProjectId).SingleOrDefaultAsync(cancellationToken);
        if (projectId is null)
        {
            return; // deleted since
        }

        var rules = (await db.Rules.AsNoTracking().Where(r => r.ProjectId == projectId && r.Enabled).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken))
            .Select(rule => (Rule: rule, Input: RuleJson.Read(rule)))
            .Where(r => Matches(r.Input.Trigger!, occasion))
            .ToList();
        foreach (var (rule, input) in rules)
        {
            await RunRuleAsync(rule, input, occasion, cancellationToken);
        }
    }

    private static bool Matches(RuleTrigger trigger, RuleOccasion occasion) => trigger.Type == occasion.Trigger && trigger.Type switch
    {
        TriggerType.StateChanged or TriggerType.PullRequestChanged or TriggerType.CheckCompleted =>
            trigger.State is null || string.Equals(trigger.State.Trim(), occasion.ToState, StringComparison.OrdinalIgnoreCase),
        TriggerType.FieldChanged => occasion.ChangedFields?.Contains(trigger.Field!) ?? false,
        _ => true,
    };

    /// <summary>One rule on one occasion (the due-date scan picks both itself); needs an open transaction.</summary>
    public async Task RunRuleAsync(AutomationRule rule, RuleInput input, RuleOccasion occasion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (occasion.AutomationDepth >= MaxDepth)
        {
            await LogAsync(rule, occasion, RuleOutcome.LoopStopped, $"The change came from a chain of {occasion.AutomationDepth} rules; chains stop at {MaxDepth}.", now, cancellationToken);
            return;
        }

        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("rule", cancellationToken);
        string detail;
        RuleOutcome outcome;
        try
        {
            (outcome, detail) = await ApplyAsync(rule, input, occasion, now, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or JsonException or Npgsql.PostgresException)
        {
            logger.LogWarning(e, "Rule {RuleId} failed on task {TaskId}", rule.Id, occasion.TaskId);
            (outcome, detail) = (RuleOutcome.Failed, e.Message);
        }

        if (outcome == RuleOutcome.Failed)
        {
            await transaction.RollbackToSavepointAsync("rule", cancellationToken);
            db.ChangeTracker.Clear();
        }

        await LogAsync(rule, occasion, outcome, detail, now, cancellationToken);
    }

    /// <summary>Checks the conditions against the task as it is now, then applies the actions in order.</summary>
    private async Task<(RuleOutcome, string)> ApplyAsync(AutomationRule rule, RuleInput input, RuleOccasion occasion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.Include(t => t.Project).SingleAsync(t => t.Id == occasion.TaskId, cancellationToken);
        if (!await TaskUpdates.LockAsync(db, task, cancellationToken))
        {
            return (RuleOutcome.Skipped, "The task was deleted meanwhile.");
        }

        var view = JsonSerializer.SerializeToNode(await db.ViewAsync(task.Id, cancellationToken), ApiJson.Options)!.AsObject();
        if (RuleConditions.FirstFailing(input.Conditions ?? [], view) is { } unmet)
        {
            return (RuleOutcome.Skipped, unmet);
        }

        var actor = $"rule:{rule.Id}";
        var depth = occasion.AutomationDepth + 1;
        var patch = new JsonObject();
        var done = new List<string>();
        foreach (var action in input.Actions!)
        {
            var text = action.Value is { ValueKind: JsonValueKind.String } value ? value.GetString()! : null;
            switch (action.Type)
            {
                case ActionType.SetField:
                    patch[action.Field!] = action.Value is { } v ? JsonNode.Parse(v.GetRawText()) : null;
                    break;
                case ActionType.Transition:
                    patch["state"] = text;
                    break;
                case ActionType.Assign:
                    patch["assignee"] = text;
                    break;
                case ActionType.AddLabel:
                    var labels = (patch["labels"] ?? view["labels"])?.Deserialize<List<string>>() ?? [];
                    labels.Add(text!);
                    patch["labels"] = JsonSerializer.SerializeToNode(labels);
                    break;
                case ActionType.AddComment:
                    await TaskComments.AddAsync(db, task, actor, text!, depth, now, cancellationToken);
                    break;
                case ActionType.CreateSubtask:
                    var (subtask, errors) = await TaskCreation.CreateAsync(db, task.Project!, new TaskInput(Title: text, Parent: TaskKey.Of(task)), actor, depth, now, cancellationToken);
                    if (subtask is null)
                    {
                        return (RuleOutcome.Failed, $"createSubtask: {Describe(errors)}");
                    }

                    done.Add($"created {subtask.Key}");
                    break;
                case ActionType.Notify:
                    var watchers = await db.Watchers.AsNoTracking().Where(w => w.TaskId == task.Id).Select(w => w.UserId).ToArrayAsync(cancellationToken);
                    db.AddIntegrationEvent(new NotificationRequested(task.Id, TaskKey.Of(task), watchers, text!, actor) { OrganizationId = task.OrganizationId, OccurredAt = now });
                    await db.SaveChangesAsync(cancellationToken);
                    break;
            }
        }

        if (patch.Count > 0)
        {
            var outcome = await TaskUpdates.ApplyAsync(db, task, patch, actor, depth, now, cancellationToken);
            if (outcome.View is null)
            {
                return (RuleOutcome.Failed, outcome.Errors is { } errors ? Describe(errors) : outcome.Problem?.ProblemDetails.Detail ?? "The task refused the change.");
            }

            done.Add($"set {string.Join(", ", patch.Select(p => p.Key))}");
        }

        return (RuleOutcome.Succeeded, done.Count == 0 ? "Done." : string.Join("; ", done) + ".");
    }

    private async Task LogAsync(AutomationRule rule, RuleOccasion occasion, RuleOutcome outcome, string detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.RuleRuns.Add(new RuleRun
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = rule.OrganizationId,
            RuleId = rule.Id,
            TaskId = occasion.TaskId,
            EventId = occasion.EventId,
            At = now,
            Outcome = outcome,
            Depth = occasion.AutomationDepth,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });
        if (outcome is RuleOutcome.Succeeded or RuleOutcome.Failed)
        {
            var key = await db.Tasks.AsNoTracking().Where(t => t.Id == occasion.TaskId).Select(t => t.Project!.Key + "-" + t.Number).SingleAsync(cancellationToken);
            db.AddIntegrationEvent(new RuleFired(rule.Id, rule.Name, occasion.TaskId, key, JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString()), detail)
            {
                OrganizationId = rule.OrganizationId, OccurredAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(Dictionary<string, string[]> errors) => string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
