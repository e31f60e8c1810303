using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;
using Platform.Notifications.Following;
using Platform.Notifications.Inbox;
using Platform.Notifications.Templates;
using Platform.Notifications.People;

namespace Platform.Notifications.Rules;

/// <summary>
/// Who hears what of a task: the new assignee of their assignment; the watchers of its moves, comments, a rising risk
/// and a merged pull request; whoever a comment mentions (instead of the plain comment notice); the people an
/// automation rule names. Nobody hears of what they did themselves. Runs after <see cref="Following.TaskFollowing"/>.
/// </summary>
public sealed class TaskNotices(NotificationsDbContext db, Notifier notifier, Members members)
    : IHandles<TaskCreated>, IHandles<TaskUpdated>, IHandles<TaskStateChanged>, IHandles<CommentAdded>, IHandles<RiskChanged>,
      IHandles<TaskCodeChanged>, IHandles<NotificationRequested>
{
    private static readonly string[] RisingLevels = ["medium", "high"];

    public async Task HandleAsync(TaskCreated created, CancellationToken cancellationToken)
    {
        if (created.Fields.TryGetValue("assignee", out var assignee) && assignee.ValueKind == JsonValueKind.String)
        {
            // The event names the task as it is: no need to read what the projection just wrote.
            await AssignedAsync(created, TaskFollowing.Of(created), assignee.GetString(), cancellationToken);
        }
    }

    public async Task HandleAsync(TaskUpdated updated, CancellationToken cancellationToken)
    {
        if (updated.Changes.TryGetValue("assignee", out var assignee) && assignee.New is { ValueKind: JsonValueKind.String } to)
        {
            await AssignedAsync(updated, await TaskAsync(updated, cancellationToken), to.GetString(), cancellationToken);
        }
    }

    public async Task HandleAsync(TaskStateChanged moved, CancellationToken cancellationToken)
    {
        var (task, actor) = (await TaskAsync(moved, cancellationToken), await members.NameOfAsync(moved.OrganizationId, moved.Actor, cancellationToken));
        await notifier.TellAsync(moved, await WatchersAsync(moved, cancellationToken), new Notice(
            NoticeKinds.State, TemplateNames.Moved, Values(task, actor, ("from", moved.FromState), ("to", moved.ToState)), LinkTo(task), task.Key, moved.Actor), cancellationToken);
    }

    public async Task HandleAsync(CommentAdded comment, CancellationToken cancellationToken)
    {
        var (task, actor) = (await TaskAsync(comment, cancellationToken), await members.NameOfAsync(comment.OrganizationId, comment.Actor, cancellationToken));
        var mentioned = (await Mentions.PeopleInAsync(db, comment.Body, cancellationToken)).ConvertAll(p => p.UserId);
        await notifier.TellAsync(comment, mentioned, new Notice(
            NoticeKinds.Mentioned, TemplateNames.MentionedInComment, Values(task, actor, ("text", comment.Body)), LinkTo(task), task.Key, comment.Actor), cancellationToken);
        var watchers = (await WatchersAsync(comment, cancellationToken)).Except(mentioned);
        await notifier.TellAsync(comment, watchers, new Notice(
            NoticeKinds.Comment, TemplateNames.Commented, Values(task, actor, ("text", comment.Body)), LinkTo(task), task.Key, comment.Actor), cancellationToken);
    }

    public async Task HandleAsync(RiskChanged risk, CancellationToken cancellationToken)
    {
        if (!RisingLevels.Contains(risk.ToLevel) || Array.IndexOf(RisingLevels, risk.FromLevel) >= Array.IndexOf(RisingLevels, risk.ToLevel))
        {
            return;
        }

        var task = await TaskAsync(risk, risk.TaskId, risk.ProjectId, risk.Key, cancellationToken);
        await notifier.TellAsync(risk, await ConcernedAsync(task, cancellationToken), new Notice(
            NoticeKinds.Risk, TemplateNames.AtRisk, Values(task, null, ("level", risk.ToLevel), ("reasons", string.Join("\n", risk.Reasons))),
            LinkTo(task), task.Key, ""), cancellationToken);
    }

    public async Task HandleAsync(TaskCodeChanged code, CancellationToken cancellationToken)
    {
        if (code is not { Kind: "pullRequest", State: "merged", CheckName: null })
        {
            return;
        }

        var task = await TaskAsync(code, cancellationToken);
        await notifier.TellAsync(code, await ConcernedAsync(task, cancellationToken), new Notice(
            NoticeKinds.Merged, TemplateNames.Merged,
            Values(task, null, ("pullRequest", code.Title), ("reference", $"{code.Repository}#{code.Reference}"), ("url", code.Url)), LinkTo(task), task.Key, code.Actor), cancellationToken);
    }

    public async Task HandleAsync(NotificationRequested requested, CancellationToken cancellationToken)
    {
        var task = await TaskAsync(requested, requested.TaskId, Guid.Empty, requested.Key, cancellationToken);
        await notifier.TellAsync(requested, await members.RecipientsAsync(requested.OrganizationId, requested.Recipients, cancellationToken), new Notice(
            NoticeKinds.Rule, TemplateNames.RuleMessage, Values(task, null, ("message", requested.Message)), LinkTo(task), task.Key, requested.Source),
            cancellationToken);
    }

    private async Task AssignedAsync(TaskEvent happened, FollowedTask task, string? assignee, CancellationToken cancellationToken)
    {
        var actor = await members.NameOfAsync(happened.OrganizationId, happened.Actor, cancellationToken);
        await notifier.TellAsync(happened, await members.RecipientsAsync(happened.OrganizationId, [assignee], cancellationToken), new Notice(
            NoticeKinds.Assigned, TemplateNames.Assigned, Values(task, actor), LinkTo(task), task.Key, happened.Actor), cancellationToken);
    }

    /// <summary>The assignee and the watchers.</summary>
    private async Task<List<Guid>> ConcernedAsync(FollowedTask task, CancellationToken cancellationToken)
    {
        var watchers = await db.Watchers.AsNoTracking().Where(w => w.TaskId == task.TaskId).Select(w => w.UserId).ToListAsync(cancellationToken);
        return await members.RecipientsAsync(task.OrganizationId, [task.Assignee, .. watchers], cancellationToken);
    }

    private async Task<List<Guid>> WatchersAsync(TaskEvent happened, CancellationToken cancellationToken) =>
        await members.RecipientsAsync(happened.OrganizationId, await db.Watchers.AsNoTracking().Where(w => w.TaskId == happened.TaskId).Select(w => w.UserId).ToListAsync(cancellationToken), cancellationToken);

    private Task<FollowedTask> TaskAsync(TaskEvent happened, CancellationToken cancellationToken) =>
        TaskAsync(happened, happened.TaskId, happened.ProjectId, happened.Key, cancellationToken);

    /// <summary>The task as followed; one never heard of is named by its key.</summary>
    private async Task<FollowedTask> TaskAsync(IntegrationEvent happened, Guid taskId, Guid projectId, string key, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.TaskId == taskId, cancellationToken)
            ?? new FollowedTask { TaskId = taskId, OrganizationId = happened.OrganizationId, ProjectId = projectId, Key = key, Title = key };

    private static string LinkTo(FollowedTask task) => $"tasks/{task.Key}";

    /// <summary>The task's key and title, who acted (when someone did), and the template's own values.</summary>
    private static Dictionary<string, object> Values(FollowedTask task, string? actor, params (string Name, object? Value)[] more)
    {
        var values = new Dictionary<string, object> { ["key"] = task.Key, ["title"] = task.Title };
        if (actor is not null)
        {
            values["actor"] = actor;
        }

        foreach (var (name, value) in more)
        {
            values[name] = value ?? "";
        }

        return values;
    }
}
