using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.EventBus.Consuming;

/// <summary>
/// One handler of an event type, and how to call it. An append-only handler's writes are saved with the rest of its
/// batch (see <see cref="EventBusBuilder.Subscribe{TEvent, THandler}(bool)"/>).
/// </summary>
public sealed record SubscribedHandler(Type HandlerType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Handle, bool AppendOnly)
{
    public static SubscribedHandler For<TEvent, THandler>(bool appendOnly = false)
        where TEvent : IntegrationEvent
        where THandler : IHandles<TEvent> =>
        new(typeof(THandler), (services, integrationEvent, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken), appendOnly);
}

/// <summary>One event type this service handles, and its handlers in the order they were subscribed, which is the order they run in.</summary>
public sealed class Subscription(EventType eventType)
{
    private readonly List<SubscribedHandler> _handlers = [];

    public EventType EventType { get; } = eventType;

    public IReadOnlyList<SubscribedHandler> Handlers => _handlers;

    internal void Add(SubscribedHandler handler)
    {
        if (_handlers.Any(h => h.HandlerType == handler.HandlerType))
        {
            throw new InvalidOperationException($"{handler.HandlerType.Name} already handles {EventType.Name} in this service.");
        }
        _handlers.Add(handler);
    }
}

/// <summary>Every subscription of the service, by CloudEvents type, and every event type it knows of.</summary>
public sealed class Subscriptions
{
    private readonly Dictionary<string, Subscription> _byType = [];
    private readonly Dictionary<string, EventType> _known = [];

    public IEnumerable<string> Topics => _byType.Values.Select(s => s.EventType.Topic).Distinct();

    /// <summary>Adds a handler of <typeparamref name="TEvent"/>; it runs after the ones added before it, in the same transaction.</summary>
    public void Add<TEvent>(SubscribedHandler handler) where TEvent : IntegrationEvent
    {
        var eventType = EventType.Of<TEvent>();
        if (!_byType.TryGetValue(eventType.Name, out var subscription))
        {
            _byType[eventType.Name] = subscription = new Subscription(eventType);
        }
        subscription.Add(handler);

        // Other events of the same contracts travel on the same topics; they are known, just not handled here.
        foreach (var type in typeof(TEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IntegrationEvent)) && t.IsDefined(typeof(IntegrationEventAttribute), false)))
        {
            var known = EventType.Of(type);
            _known[known.Name] = known;
        }
    }

    public Subscription? Find(string type) => _byType.GetValueOrDefault(type);

    public bool IsKnown(string type) => _known.ContainsKey(type);
}
