using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.EventBus.Tests;

[IntegrationEvent("test-notes", "platform.test.note-written", 1)]
public sealed record NoteWritten(Guid NoteId, string Text) : IntegrationEvent
{
    public override string Subject => NoteId.ToString();
}

/// <summary>The producer's state change.</summary>
public sealed class Note
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Text { get; set; }
}

/// <summary>What the consumer's handler wrote, with the tenant the database saw while it ran.</summary>
public sealed class ReceivedNote
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public Guid NoteId { get; set; }

    public required string Text { get; set; }

    public required string Tenant { get; set; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<ReceivedNote> ReceivedNotes => Set<ReceivedNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.Entity<ReceivedNote>().ToTable("received_notes");
    }
}
