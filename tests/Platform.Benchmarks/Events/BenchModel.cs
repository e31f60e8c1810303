using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus;
using Platform.EventBus.Consuming;

namespace Platform.Benchmarks.Events;

[IntegrationEvent("bench", "platform.bench.pinged", 1)]
public sealed record Pinged(Guid SubjectId, int Sequence) : IntegrationEvent
{
    public override string Subject => SubjectId.ToString();
}

/// <summary>The producer's state change and the consumer's write, one row each per event.</summary>
public sealed class Ping
{
    public Guid Id { get; set; }

    public int Sequence { get; set; }
}

public sealed class Pong
{
    public Guid EventId { get; set; }

    public int Sequence { get; set; }
}

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Ping> Pings => Set<Ping>();

    public DbSet<Pong> Pongs => Set<Pong>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Ping>().ToTable("pings");
        modelBuilder.Entity<Pong>().ToTable("pongs").HasKey(p => p.EventId);
    }
}

/// <summary>The consumer's write, saved and committed by the event bus together with the inbox record.</summary>
public sealed class PongHandler(BenchDbContext db) : IHandles<Pinged>
{
    public Task HandleAsync(Pinged integrationEvent, CancellationToken cancellationToken)
    {
        db.Pongs.Add(new Pong { EventId = integrationEvent.Id, Sequence = integrationEvent.Sequence });
        return Task.CompletedTask;
    }
}
