using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Ai.Data;

public sealed class AiDbContext(DbContextOptions<AiDbContext> options) : DbContext(options)
{
    public DbSet<SearchSource> Sources => Set<SearchSource>();

    public DbSet<SearchChunk> Chunks => Set<SearchChunk>();

    public DbSet<SearchIndexVersion> IndexVersions => Set<SearchIndexVersion>();

    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<SearchSource>(source =>
        {
            source.ToTable("search_sources");
            source.HasIndex(s => s.ResultId);
            source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            source.Property(s => s.Title).HasMaxLength(200);
            source.Property(s => s.ResultKey).HasMaxLength(40);
        });
        modelBuilder.Entity<SearchChunk>(chunk =>
        {
            chunk.ToTable("search_chunks");
            chunk.HasIndex(c => new { c.SourceId, c.ChunkNo }).IsUnique();
            chunk.HasIndex(c => new { c.OrganizationId, c.ChangeSeq });
            chunk.HasIndex(c => c.ResultId);
            chunk.Property(c => c.ResultKind).HasConversion<string>().HasMaxLength(20);
            chunk.Property(c => c.EmbeddingModel).HasMaxLength(100);
        });
        modelBuilder.Entity<ActivityEntry>(entry =>
        {
            entry.ToTable("activity_entries");
            entry.HasIndex(e => new { e.OrganizationId, e.OccurredAt, e.Id });
            entry.HasIndex(e => new { e.ProjectId, e.OccurredAt, e.Id });
            entry.Property(e => e.Kind).HasMaxLength(30);
            entry.Property(e => e.Subject).HasMaxLength(40);
            entry.Property(e => e.Title).HasMaxLength(200);
            entry.Property(e => e.Actor).HasMaxLength(100);
            entry.Property(e => e.Summary).HasMaxLength(300);
        });
        modelBuilder.Entity<SearchIndexVersion>(version =>
        {
            version.ToTable("search_index_versions");
            version.HasKey(v => v.OrganizationId);
        });
    }
}
