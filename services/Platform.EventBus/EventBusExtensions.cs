using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.EventBus;
using Platform.EventBus.Consuming;
using Platform.EventBus.Dapr;
using Platform.EventBus.Outbox;
using Platform.EventBus.Redis;

namespace Microsoft.Extensions.Hosting;

public static class EventBusExtensions
{
    /// <summary>
    /// Outbox relay and consumers for a service whose <typeparamref name="TContext"/> holds the outbox and
    /// inbox tables (<see cref="EventBusModel.AddEventBusTables"/>) and adds <see cref="OutboxSignal"/> to its interceptors.
    /// Subscribe handlers on the returned builder, one line each.
    /// </summary>
    public static EventBusBuilder AddEventBus<TContext>(this IHostApplicationBuilder builder, string serviceName) where TContext : DbContext
    {
        var services = builder.Services;
        services.AddOptions<EventBusOptions>()
            .Configure(options => options.ServiceName = serviceName)
            .BindConfiguration(EventBusOptions.Section);
        services.AddTenancy();
        services.AddSingleton(new EventBusDatabase(typeof(TContext)));
        services.AddSingleton<EventBusTelemetry>();
        services.TryAddSingleton<OutboxSignal>();
        var subscriptions = new Subscriptions();
        services.AddSingleton(subscriptions);
        services.AddSingleton<EventDispatcher>();
        services.AddScoped<AfterCommit>();
        services.AddHostedService<OutboxRelay<TContext>>();

        if (UsesDapr(builder.Configuration))
        {
            services.AddDaprClient();
            services.AddSingleton<IEventTransport, DaprEventTransport>();
        }
        else
        {
            builder.AddGraphRedis();
            services.AddSingleton<IEventTransport, RedisStreamTransport>();
            services.AddHostedService<RedisStreamConsumer>();
        }

        return new EventBusBuilder(services, subscriptions);
    }

    /// <summary>The endpoints a Dapr sidecar delivers events to, when the service runs with one.</summary>
    public static WebApplication MapEventBus(this WebApplication app)
    {
        if (UsesDapr(app.Configuration))
        {
            app.MapDaprSubscriptions();
        }

        return app;
    }

    /// <summary><c>EventBus:Transport</c> = Dapr, or Auto (the default) with a sidecar configured through DAPR_HTTP_PORT.</summary>
    public static bool UsesDapr(IConfiguration configuration)
    {
        var transport = configuration[$"{EventBusOptions.Section}:Transport"] ?? "Auto";
        return transport.Equals("Dapr", StringComparison.OrdinalIgnoreCase)
            || (transport.Equals("Auto", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(configuration["DAPR_HTTP_PORT"]));
    }
}

/// <summary>
/// Subscriptions of a service: <c>.Subscribe&lt;TaskCreated, TaskCreatedHandler&gt;()</c>, one line per handler of an
/// event; the handlers of one event run in the order of these lines, in one transaction.
/// </summary>
public sealed class EventBusBuilder(IServiceCollection services, Subscriptions subscriptions)
{
    /// <param name="appendOnly">
    /// The handler only adds rows and reads nothing that the handling of an earlier event could have written (an
    /// append-only projection): its writes are saved with the others of its batch, in one round trip, instead of after
    /// each event, which is most of what handling an event costs. A handler that reads what it keeps must not say so:
    /// a query does not see rows added but not yet saved.
    /// </param>
    public EventBusBuilder Subscribe<TEvent, THandler>(bool appendOnly = false)
        where TEvent : Platform.Contracts.IntegrationEvent
        where THandler : class, IHandles<TEvent>
    {
        services.TryAddScoped<THandler>();
        subscriptions.Add<TEvent>(SubscribedHandler.For<TEvent, THandler>(appendOnly));
        return this;
    }
}
