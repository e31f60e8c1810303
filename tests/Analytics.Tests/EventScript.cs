using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Analytics.Tests;

/// <summary>A project's history written as the events the projects service would have published.</summary>
public sealed class EventScript(Guid organization, string projectKey)
{
    private readonly Dictionary<Guid, string> _keys = [];
    private readonly Dictionary<Guid, string> _categories = [];

    public Guid ProjectId { get; } = Guid.NewGuid();

    public List<IntegrationEvent> Events { get; } = [];

    public EventScript Project(DateTimeOffset at, params DateOnly[] holidays)
    {
        Events.Add(new ProjectChanged(ProjectId, projectKey, Deleted: false)
        {
            OrganizationId = organization,
            OccurredAt = at,
            WorkingDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            Holidays = holidays,
        });
        return this;
    }

    public Guid Create(DateTimeOffset at, string category = "todo", params (string Name, object? Value)[] fields)
    {
        var id = Guid.NewGuid();
        var key = $"{projectKey}-{_keys.Count + 1}";
        _keys[id] = key;
        _categories[id] = category;
        var values = new Dictionary<string, JsonElement> { ["stateCategory"] = JsonSerializer.SerializeToElement(category) };
        foreach (var (name, value) in fields)
        {
            values[name] = JsonSerializer.SerializeToElement(value);
        }
        Events.Add(new TaskCreated(id, ProjectId, key, $"Task {key}") { OrganizationId = organization, OccurredAt = at, Fields = values });
        return id;
    }

    public EventScript Move(Guid task, string category, DateTimeOffset at)
    {
        var change = new FieldChange(JsonSerializer.SerializeToElement(_categories[task]), JsonSerializer.SerializeToElement(category));
        _categories[task] = category;
        return Update(task, at, ("stateCategory", change));
    }

    public EventScript Update(Guid task, DateTimeOffset at, params (string Name, FieldChange Change)[] changes)
    {
        Events.Add(new TaskUpdated(task, ProjectId, _keys[task], changes.ToDictionary(c => c.Name, c => c.Change)) { OrganizationId = organization, OccurredAt = at });
        return this;
    }

    public EventScript Delete(Guid task, DateTimeOffset at)
    {
        Events.Add(new TaskDeleted(task, ProjectId, _keys[task]) { OrganizationId = organization, OccurredAt = at });
        return this;
    }

    public EventScript Depend(Guid predecessor, Guid successor, DateTimeOffset at)
    {
        Events.Add(new DependencyAdded(predecessor, successor, _keys[predecessor], _keys[successor], "finish-to-start", 0) { OrganizationId = organization, OccurredAt = at });
        return this;
    }
}
