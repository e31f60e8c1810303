using Microsoft.EntityFrameworkCore;
using Platform.EventBus.Consuming;
using Platform.EventBus.Outbox;

namespace Platform.EventBus;

public static class EventBusModel
{
    /// <summary>
    /// The outbox and inbox tables, for a service's <c>OnModelCreating</c>; its migrations then create them.
    /// Neither is under row-level security: the relay publishes every organization's events and the
    /// inbox holds only event ids; each row still names its organization.
    /// </summary>
    public static ModelBuilder AddEventBusTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.Topic).HasColumnName("topic");
            outbox.Property(m => m.Type).HasColumnName("type");
            outbox.Property(m => m.SchemaVersion).HasColumnName("schema_version");
            outbox.Property(m => m.Subject).HasColumnName("subject");
            outbox.Property(m => m.OrganizationId).HasColumnName("organization_id");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent");
            outbox.Property(m => m.TraceState).HasColumnName("trace_state");
            outbox.Property(m => m.Data).HasColumnName("data");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.HasIndex(m => m.EventId).IsUnique();
            // The relay reads only what is unsent, oldest first.
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent_at");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.Consumer, m.EventId });
            inbox.Property(m => m.Consumer).HasColumnName("consumer");
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
            inbox.HasIndex(m => m.HandledAt);
        });

        return modelBuilder;
    }

    /// <summary>The quoted, schema-qualified table an event bus entity maps to in <paramref name="context"/>.</summary>
    public static string TableOf<TEntity>(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{context.GetType().Name} has no {typeof(TEntity).Name} table: call modelBuilder.AddEventBusTables() in its OnModelCreating.");
        return (entity.GetSchema() is { } schema ? $"\"{schema}\"." : "") + $"\"{entity.GetTableName()}\"";
    }

    /// <summary>Records the event in the outbox; it is published only if the surrounding SaveChanges commits.</summary>
    public static void AddIntegrationEvent(this DbContext dbContext, Platform.Contracts.IntegrationEvent integrationEvent) =>
        dbContext.Set<OutboxMessage>().Add(OutboxMessage.For(integrationEvent));
}
