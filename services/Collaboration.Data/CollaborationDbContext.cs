using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Collaboration.Data;

public sealed class CollaborationDbContext(DbContextOptions<CollaborationDbContext> options) : DbContext(options)
{
    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentOperation> Operations => Set<DocumentOperation>();

    public DbSet<DocumentSnapshot> Snapshots => Set<DocumentSnapshot>();

    public DbSet<PendingDocumentEvent> PendingEvents => Set<PendingDocumentEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Document>(document =>
        {
            document.HasIndex(d => new { d.ProjectId, d.Title });
            document.Property(d => d.ProjectKey).HasMaxLength(10);
            document.Property(d => d.Title).HasMaxLength(200);
            document.Property(d => d.CreatedBy).HasMaxLength(100);
            document.Property(d => d.Type).HasConversion(
                type => DocumentTypes.Name(type), name => DocumentTypes.Parse(name)).HasMaxLength(20);
        });
        modelBuilder.Entity<DocumentOperation>(op =>
        {
            op.ToTable("document_operations");
            op.HasKey(o => new { o.DocumentId, o.Version });
            op.HasIndex(o => new { o.DocumentId, o.ClientId, o.ClientSeq }).IsUnique();
            op.Property(o => o.Op).HasColumnType("jsonb");
            op.Property(o => o.AuthorId).HasMaxLength(100);
            op.Property(o => o.ClientId).HasMaxLength(64);
            op.HasOne<Document>().WithMany().HasForeignKey(o => o.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DocumentSnapshot>(snapshot =>
        {
            snapshot.ToTable("document_snapshots");
            snapshot.HasKey(s => new { s.DocumentId, s.Version });
            snapshot.HasOne<Document>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PendingDocumentEvent>(pending =>
        {
            pending.ToTable("pending_document_events");
            pending.HasKey(p => p.DocumentId);
            pending.HasIndex(p => p.LastChangeAt);
        });
    }
}
