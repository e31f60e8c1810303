using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Webhooks.Data;

public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options)
{
    public DbSet<Integration> Integrations => Set<Integration>();

    public DbSet<IntegrationDirectory> Directory => Set<IntegrationDirectory>();

    public DbSet<InboundDelivery> InboundDeliveries => Set<InboundDelivery>();

    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<OutboundDelivery> OutboundDeliveries => Set<OutboundDelivery>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<OutboundSchedule> Schedule => Set<OutboundSchedule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Integration>(integration =>
        {
            integration.ToTable("integrations");
            integration.Property(i => i.Id).ValueGeneratedNever();
            integration.HasIndex(i => i.OrganizationId);
            integration.Property(i => i.Provider).HasMaxLength(20);
            integration.Property(i => i.Name).HasMaxLength(200);
            integration.Property(i => i.Secret).HasMaxLength(200);
            integration.Property(i => i.PreviousSecret).HasMaxLength(200);
            integration.Property(i => i.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<IntegrationDirectory>(directory =>
        {
            directory.ToTable("integration_directory");
            directory.HasKey(d => d.IntegrationId);
        });
        modelBuilder.Entity<InboundDelivery>(delivery =>
        {
            delivery.ToTable("inbound_deliveries");
            delivery.Property(d => d.Id).ValueGeneratedNever();
            delivery.HasIndex(d => new { d.IntegrationId, d.DeliveryId }).IsUnique();
            delivery.HasIndex(d => new { d.IntegrationId, d.ReceivedAt });
            delivery.HasIndex(d => d.KeptUntil).HasFilter("payload IS NOT NULL");
            delivery.Property(d => d.DeliveryId).HasMaxLength(200);
            delivery.Property(d => d.Event).HasMaxLength(100);
            delivery.Property(d => d.Outcome).HasMaxLength(1000);
        });
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("webhook_endpoints");
            endpoint.Property(e => e.Id).ValueGeneratedNever();
            endpoint.HasIndex(e => e.OrganizationId);
            endpoint.Property(e => e.Url).HasMaxLength(2000);
            endpoint.Property(e => e.Description).HasMaxLength(500);
            endpoint.Property(e => e.Format).HasMaxLength(20);
            endpoint.Property(e => e.Secret).HasMaxLength(200);
            endpoint.Property(e => e.PreviousSecret).HasMaxLength(200);
            endpoint.Property(e => e.DisabledReason).HasMaxLength(500);
            endpoint.Property(e => e.CreatedBy).HasMaxLength(100);
            endpoint.HasIndex(e => e.Recipient).HasFilter("recipient IS NOT NULL");
        });
        modelBuilder.Entity<OutboundDelivery>(delivery =>
        {
            delivery.ToTable("outbound_deliveries");
            delivery.Property(d => d.Id).ValueGeneratedNever();
            // One message per event and endpoint, however often the event is handed over.
            delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
            delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
            delivery.Property(d => d.EventType).HasMaxLength(100);
            delivery.Property(d => d.Status).HasMaxLength(20);
            delivery.Property(d => d.LastResponse).HasMaxLength(1000);
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliveryAttempt>(attempt =>
        {
            attempt.ToTable("delivery_attempts");
            attempt.Property(a => a.Id).ValueGeneratedNever();
            attempt.HasIndex(a => new { a.DeliveryId, a.At });
            attempt.Property(a => a.Response).HasMaxLength(1000);
            attempt.HasOne<OutboundDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OutboundSchedule>(schedule =>
        {
            schedule.ToTable("outbound_schedule");
            schedule.HasKey(s => s.DeliveryId);
            schedule.HasIndex(s => s.DueAt);
        });
    }
}
