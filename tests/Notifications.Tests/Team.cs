using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Notifications.Tests;

/// <summary>A new organization with three members (Ada the owner, Bob, Cy), announced as identity does; mail addresses unique to the test.</summary>
public sealed class Team
{
    private static int _next;

    private Team(Guid organization, string tag) => (Organization, Tag) = (organization, tag);

    public Guid Organization { get; }

    public string Tag { get; }

    public Guid Ada { get; } = Guid.NewGuid();

    public Guid Bob { get; } = Guid.NewGuid();

    public Guid Cy { get; } = Guid.NewGuid();

    public Guid Project { get; } = Guid.NewGuid();

    public string EmailOf(Guid person) => $"{(person == Ada ? "ada" : person == Bob ? "bob" : "cy")}.{Tag}@example.com";

    public static async Task<Team> JoinAsync(NotificationsFixture fixture)
    {
        var team = new Team(Guid.NewGuid(), $"t{Interlocked.Increment(ref _next)}{Random.Shared.Next(1000, 9999)}");
        await fixture.PublishAsync(
            team.Joined(team.Ada, "Ada Lovelace", "owner"),
            team.Joined(team.Bob, "Bob Builder", "member"),
            team.Joined(team.Cy, "Cy Young", "member"));
        return team;
    }

    public MemberJoined Joined(Guid user, string name, string role) => new(user, EmailOf(user), name, role) { OrganizationId = Organization };

    /// <summary>A task created by <paramref name="actor"/>, with an assignee or none, and its creator watching it (as the projects service announces).</summary>
    public IntegrationEvent[] TaskCreated(Guid task, string key, string title, Guid actor, Guid? assignee = null, DateOnly? due = null)
    {
        var fields = new Dictionary<string, JsonElement> { ["stateCategory"] = JsonSerializer.SerializeToElement("todo") };
        if (due is { } date)
        {
            fields["dueDate"] = JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (assignee is { } someone)
        {
            fields["assignee"] = JsonSerializer.SerializeToElement(someone.ToString());
        }

        return
        [
            new TaskCreated(task, Project, key, title) { OrganizationId = Organization, Actor = actor.ToString(), Fields = fields },
            Watch(task, key, actor),
        ];
    }

    public WatcherAdded Watch(Guid task, string key, Guid watcher) => new(task, Project, key, watcher.ToString()) { OrganizationId = Organization };

    public TaskUpdated Assign(Guid task, string key, Guid actor, Guid assignee) =>
        new(task, Project, key, new Dictionary<string, FieldChange> { ["assignee"] = new(null, JsonSerializer.SerializeToElement(assignee.ToString())) })
        { OrganizationId = Organization, Actor = actor.ToString() };

    public TaskUpdated Change(Guid task, string key, Guid actor, string field, object? from, object? to) =>
        new(task, Project, key, new Dictionary<string, FieldChange> { [field] = new(JsonSerializer.SerializeToElement(from), JsonSerializer.SerializeToElement(to)) })
        { OrganizationId = Organization, Actor = actor.ToString() };

    public CommentAdded Comment(Guid task, string key, Guid author, string body) =>
        new(task, Project, key, Guid.NewGuid(), body) { OrganizationId = Organization, Actor = author.ToString() };
}
