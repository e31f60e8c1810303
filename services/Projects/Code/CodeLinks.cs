using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.EventBus.Consuming;
using Platform.Projects.Automation;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Code;

/// <summary>
/// What code hosts tell of the organization's tasks: pull requests and commits that name a task are linked to it (and
/// noted in its history), checks are put on the links they ran for, and tasks follow their pull requests: into the
/// project's review state when one opens, to its merged state when one that fixes them lands. Automation rules then run
/// on the pull request and check triggers.
/// </summary>
public sealed class CodeLinks(ProjectsDbContext db, RuleEngine rules, ILogger<CodeLinks> logger)
    : IHandles<PullRequestChanged>, IHandles<CommitsPushed>, IHandles<CheckChanged>
{
    public async Task HandleAsync(PullRequestChanged changed, CancellationToken cancellationToken)
    {
        var actor = Actor(changed);
        foreach (var task in await TasksAsync(changed.TaskKeys.Union(changed.ClosingKeys), cancellationToken))
        {
            var link = await LinkAsync(task, "pullRequest", changed, changed.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                changed.Title, changed.Url, changed.Author, changed.Branch, changed.OccurredAt, cancellationToken);
            var reference = $"{changed.Repository}#{changed.Number}";
            if (link.State != changed.State)
            {
                Note(task, actor, changed.OccurredAt, "pullRequest",
                    link.State is null ? null : $"{reference} {link.State}", $"{reference} {changed.State}: {changed.Title}");
                link.State = changed.State;
                Announce(task, link, actor, changed.OccurredAt);
            }

            await db.SaveChangesAsync(cancellationToken);
            var target = changed.Action switch
            {
                "merged" when changed.ClosingKeys.Contains(task.Key) => task.Project!.PullRequestMergedState,
                "opened" or "reopened" or "ready" when changed.State == "open" => task.Project!.PullRequestOpenedState,
                _ => null,
            };
            await MoveAsync(task.Task, target, actor, $"{reference} {changed.Action}", changed.OccurredAt, cancellationToken);
            await rules.RunAsync(new RuleOccasion(TriggerType.PullRequestChanged, task.Task.Id, changed.Id, 0, ToState: changed.Action), cancellationToken);
        }
    }

    public async Task HandleAsync(CommitsPushed pushed, CancellationToken cancellationToken)
    {
        var actor = Actor(pushed);
        foreach (var commit in pushed.Commits)
        {
            foreach (var task in await TasksAsync(commit.TaskKeys.Union(commit.ClosingKeys), cancellationToken))
            {
                var link = await LinkAsync(task, "commit", pushed, commit.Sha, commit.Message, commit.Url, commit.Author, pushed.Branch, pushed.OccurredAt, cancellationToken);
                if (db.Entry(link).State == EntityState.Added)
                {
                    Note(task, actor, pushed.OccurredAt, "commit", null, $"{pushed.Repository}@{commit.Sha[..Math.Min(7, commit.Sha.Length)]} on {pushed.Branch}: {commit.Message}");
                    Announce(task, link, actor, pushed.OccurredAt);
                }

                await db.SaveChangesAsync(cancellationToken);
                // A fix that lands on the default branch finishes the task, as code hosts close issues.
                if (pushed.DefaultBranch && commit.ClosingKeys.Contains(task.Key))
                {
                    await MoveAsync(task.Task, task.Project!.PullRequestMergedState, actor, $"{commit.Sha[..Math.Min(7, commit.Sha.Length)]} on {pushed.Branch}", pushed.OccurredAt, cancellationToken);
                }
            }
        }
    }

    public async Task HandleAsync(CheckChanged check, CancellationToken cancellationToken)
    {
        var numbers = check.PullRequests.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var links = await db.Links.Where(l => l.Provider == check.Provider && l.Repository == check.Repository
                && ((l.Kind == "pullRequest" && (numbers.Contains(l.Reference) || (check.Branch != "" && l.Branch == check.Branch)))
                    || (l.Kind == "commit" && l.Reference == check.Sha)))
            .ToListAsync(cancellationToken);
        // A check that names tasks none of whose code is linked (a generic CI server's) is linked to them as itself.
        var linkedTasks = links.Select(l => l.TaskId).ToHashSet();
        foreach (var task in await TasksAsync(check.TaskKeys, cancellationToken))
        {
            if (!linkedTasks.Contains(task.Task.Id))
            {
                links.Add(await LinkAsync(task, "check", check, check.Name, check.Name, check.Url, "", check.Branch, check.OccurredAt, cancellationToken));
            }
        }

        var finished = check.Status == "completed";
        foreach (var link in links)
        {
            var checks = JsonSerializer.Deserialize<Dictionary<string, LinkCheck>>(link.Checks, ApiJson.Options) ?? [];
            // Deliveries can arrive out of order: an older word on the same check does not replace a newer one.
            if (checks.TryGetValue(check.Name, out var known) && known.At > check.OccurredAt)
            {
                continue;
            }

            checks[check.Name] = new LinkCheck(check.Status, check.Conclusion, check.Url, check.OccurredAt);
            link.Checks = JsonSerializer.Serialize(checks, ApiJson.Options);
            link.UpdatedAt = check.OccurredAt;
            var task = await db.Tasks.Include(t => t.Project).SingleAsync(t => t.Id == link.TaskId, cancellationToken);
            db.AddIntegrationEvent(Announcement(link, task, Actor(check), check.OccurredAt) with { CheckName = check.Name, CheckOutcome = check.Conclusion ?? check.Status });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (finished)
        {
            foreach (var taskId in links.Select(l => l.TaskId).Distinct())
            {
                await rules.RunAsync(new RuleOccasion(TriggerType.CheckCompleted, taskId, check.Id, 0, ToState: check.Conclusion), cancellationToken);
            }
        }
    }

    private sealed record NamedTask(ProjectTask Task, string Key)
    {
        public Project? Project => Task.Project;
    }

    /// <summary>The tasks of the organization with these keys (keys of other organizations' projects, or of none, are passed over).</summary>
    private async Task<List<NamedTask>> TasksAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var found = new List<NamedTask>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (await TaskKey.FindAsync(db, key, cancellationToken) is { } task)
            {
                found.Add(new NamedTask(task, TaskKey.Of(task)));
            }
        }

        return found;
    }

    private async Task<TaskLink> LinkAsync(
        NamedTask task, string kind, CodeEvent source, string reference, string title, string url, string author, string branch, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var link = await db.Links.SingleOrDefaultAsync(l => l.TaskId == task.Task.Id && l.Kind == kind && l.Provider == source.Provider
            && l.Repository == source.Repository && l.Reference == reference, cancellationToken);
        if (link is null)
        {
            link = new TaskLink
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = task.Task.OrganizationId,
                TaskId = task.Task.Id,
                Kind = kind,
                Provider = source.Provider,
                Repository = Cut(source.Repository, 300),
                Reference = Cut(reference, 100),
                Title = "",
                Url = "",
                LinkedAt = at,
            };
            db.Links.Add(link);
        }

        (link.Title, link.Url, link.Author, link.Branch, link.UpdatedAt) = (Cut(title, 500), Cut(url, 2000), Cut(author, 200), Cut(branch, 300), at);
        return link;
    }

    /// <summary>Tells the task's followers (its page, notifications) that its code changed.</summary>
    private void Announce(NamedTask task, TaskLink link, string actor, DateTimeOffset at) => db.AddIntegrationEvent(Announcement(link, task.Task, actor, at));

    private static TaskCodeChanged Announcement(TaskLink link, ProjectTask task, string actor, DateTimeOffset at) => new(
        task.Id, task.ProjectId, TaskKey.Of(task), link.Kind, link.Provider, link.Repository, link.Reference, link.Title, link.Url, link.State)
    {
        OrganizationId = link.OrganizationId,
        OccurredAt = at,
        Actor = actor,
    };

    /// <summary>A line in the task's history: not a field of the task, so looking at the task as it was passes over it.</summary>
    private void Note(NamedTask task, string actor, DateTimeOffset at, string what, string? before, string after) =>
        db.History.Add(TaskHistory.Entry(task.Task, actor, at, new Dictionary<string, FieldChange>
        {
            [what] = new(before is null ? null : JsonSerializer.SerializeToElement(before), JsonSerializer.SerializeToElement(after)),
        }));

    /// <summary>
    /// Moves the task to <paramref name="stateName"/> when the project names one, it exists, and it lies ahead of where
    /// the task is (a task past review is not pulled back by a reopened pull request; a finished one stays finished).
    /// </summary>
    private async Task MoveAsync(ProjectTask task, string? stateName, string actor, string why, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (stateName is null)
        {
            return;
        }

        var states = await db.States.AsNoTracking().Where(s => s.ProjectId == task.ProjectId).ToListAsync(cancellationToken);
        var target = states.FirstOrDefault(s => string.Equals(s.Name, stateName, StringComparison.OrdinalIgnoreCase));
        var current = states.FirstOrDefault(s => s.Id == task.StateId);
        if (target is null || current is null || WorkflowState.IsFinished(current.Category) || current.Position >= target.Position)
        {
            if (target is null)
            {
                logger.LogInformation("Project {ProjectId} names {State} for code moves, which its workflow no longer has", task.ProjectId, stateName);
            }

            return;
        }

        if (!await TaskUpdates.LockAsync(db, task, cancellationToken))
        {
            return;
        }

        var outcome = await TaskUpdates.ApplyAsync(db, task, new JsonObject { ["state"] = target.Name }, actor, 0, at, cancellationToken);
        if (outcome.View is null)
        {
            logger.LogInformation("{Why} did not move task {TaskId} to {State}: {Problem}", why, task.Id, target.Name,
                outcome.Problem?.ProblemDetails.Detail ?? string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
        }
    }

    /// <summary>Who acted, in the history and the task's events: the code host (integration:github).</summary>
    private static string Actor(CodeEvent source) => $"integration:{source.Provider}";

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
