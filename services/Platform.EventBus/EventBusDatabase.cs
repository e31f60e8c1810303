namespace Platform.EventBus;

/// <summary>The service's DbContext type, whose database holds the outbox and the inbox.</summary>
public sealed record EventBusDatabase(Type ContextType);
