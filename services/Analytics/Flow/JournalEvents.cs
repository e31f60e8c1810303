using System.Text.Json;
using Platform.Analytics.Data;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.EventBus;

namespace Platform.Analytics.Flow;

/// <summary>The events the journal keeps, written as JSON and read back as the records they were.</summary>
public static class JournalEvents
{
    private static readonly Type[] Kept =
        [typeof(ProjectChanged), typeof(TaskCreated), typeof(TaskUpdated), typeof(TaskDeleted), typeof(DependencyAdded), typeof(DependencyRemoved)];

    private static readonly Dictionary<string, Type> ByName = Kept.ToDictionary(type => EventType.Of(type).Name);

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static JournalEntry Entry(IntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.Id,
        OrganizationId = integrationEvent.OrganizationId,
        OccurredAt = integrationEvent.OccurredAt,
        Type = EventType.Of(integrationEvent.GetType()).Name,
        Data = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
    };

    public static IntegrationEvent Read(JournalEntry entry) =>
        (IntegrationEvent)JsonSerializer.Deserialize(entry.Data, ByName[entry.Type], Json)!;

    /// <summary>The project key of a task key: PLAT of PLAT-12.</summary>
    public static string ProjectKeyOf(string taskKey) => taskKey[..taskKey.LastIndexOf('-')];
}
