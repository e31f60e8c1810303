using System.Reflection;
using Platform.Contracts;

namespace Platform.EventBus;

/// <summary>What <see cref="IntegrationEventAttribute"/> says about an event record.</summary>
public sealed record EventType(Type ClrType, string Topic, string Name, int Version)
{
    public static EventType Of(Type clrType) => Read(clrType);

    public static EventType Of<TEvent>() where TEvent : IntegrationEvent => Cache<TEvent>.Value;

    private static EventType Read(Type clrType)
    {
        var attribute = clrType.GetCustomAttribute<IntegrationEventAttribute>()
            ?? throw new InvalidOperationException($"{clrType.Name} has no [IntegrationEvent] attribute naming its topic, type and version.");
        return new EventType(clrType, attribute.Topic, attribute.Type, attribute.Version);
    }

    private static class Cache<TEvent> where TEvent : IntegrationEvent
    {
        public static readonly EventType Value = Read(typeof(TEvent));
    }
}
