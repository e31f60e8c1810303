using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.EventBus.Consuming;

/// <summary>
/// One event type this service handles, and how to call its handler. An append-only handler's writes are saved with
/// the rest of its batch (see <see cref="EventBusBuilder.Subscribe{TEvent, THandler}(bool)"/>).
/// </summary>
public sealed record Subscription(EventType EventType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Handle, bool AppendOnly = false)
{
    public static Subscription For<TEvent, THandler>(bool appendOnly = false)
        where TEvent : IntegrationEvent
        where THandler : IHandles<TEvent> =>
        new(EventType.Of<TEvent>(), (services, integrationEvent, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken), appendOnly);
}

/// <summary>Every subscription of the service, by CloudEvents type, and every event type it knows of.</summary>
public sealed class Subscriptions
{
    private readonly Dictionary<string, Subscription> _byType = [];
    private readonly Dictionary<string, EventType> _known = [];

    public IEnumerable<string> Topics => _byType.Values.Select(s => s.EventType.Topic).Distinct();

    public void Add(Subscription subscription)
    {
        if (!_byType.TryAdd(subscription.EventType.Name, subscription))
        {
            throw new InvalidOperationException($"{subscription.EventType.Name} already has a handler in this service.");
        }

        // Other events of the same contracts travel on the same topics; they are known, just not handled here.
        foreach (var type in subscription.EventType.ClrType.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IntegrationEvent)) && t.IsDefined(typeof(IntegrationEventAttribute), false)))
        {
            var eventType = EventType.Of(type);
            _known[eventType.Name] = eventType;
        }
    }

    public Subscription? Find(string type) => _byType.GetValueOrDefault(type);

    public bool IsKnown(string type) => _known.ContainsKey(type);
}
