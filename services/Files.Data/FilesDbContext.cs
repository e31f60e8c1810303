using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Files.Data;

public sealed class FilesDbContext(DbContextOptions<FilesDbContext> options) : DbContext(options)
{
    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<FileText> Texts => Set<FileText>();

    public DbSet<QueuedFile> Queue => Set<QueuedFile>();

    public DbSet<OrganizationUsage> Usage => Set<OrganizationUsage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<StoredFile>(file =>
        {
            file.ToTable("files");
            file.Property(f => f.Id).ValueGeneratedNever();
            file.HasIndex(f => new { f.TargetId, f.CreatedAt });
            file.HasIndex(f => f.TaskId);
            file.Property(f => f.Version).IsRowVersion();
            file.Property(f => f.Name).HasMaxLength(255);
            file.Property(f => f.ContentType).HasMaxLength(100);
            file.Property(f => f.Status).HasMaxLength(20);
            file.Property(f => f.Sha256).HasMaxLength(64);
            file.Property(f => f.ScanResult).HasMaxLength(300);
            file.Property(f => f.TargetKind).HasMaxLength(20);
            file.Property(f => f.ProcessingError).HasMaxLength(500);
        });
        modelBuilder.Entity<FileText>(text =>
        {
            text.ToTable("file_texts");
            text.HasKey(t => t.FileId);
            text.HasOne<StoredFile>().WithOne().HasForeignKey<FileText>(t => t.FileId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<QueuedFile>(queued =>
        {
            queued.ToTable("processing_queue");
            queued.HasKey(q => q.FileId);
            queued.HasIndex(q => q.DueAt);
        });
        modelBuilder.Entity<OrganizationUsage>(usage =>
        {
            usage.ToTable("organization_usage");
            usage.HasKey(u => u.OrganizationId);
        });
    }
}
