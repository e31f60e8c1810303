using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Webhooks.Data;

public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options)
{
    public DbSet<Integration> Integrations => Set<Integration>();

    public DbSet<IntegrationDirectory> Directory => Set<IntegrationDirectory>();

    public DbSet<InboundDelivery> InboundDeliveries => Set<InboundDelivery>();

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
    }
}
