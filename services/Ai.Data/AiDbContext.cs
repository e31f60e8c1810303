using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Ai.Data;

public sealed class AiDbContext(DbContextOptions<AiDbContext> options) : DbContext(options)
{
    public DbSet<SearchSource> Sources => Set<SearchSource>();

    public DbSet<SearchChunk> Chunks => Set<SearchChunk>();

    public DbSet<SearchIndexVersion> IndexVersions => Set<SearchIndexVersion>();

    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    public DbSet<ModelSettings> ModelSettings => Set<ModelSettings>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<ToolCall> ToolCalls => Set<ToolCall>();

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
            chunk.Property(c => c.EmbeddingModel).HasMaxLength(200);
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
        modelBuilder.Entity<ModelSettings>(settings =>
        {
            settings.ToTable("model_settings");
            settings.HasKey(s => s.OrganizationId);
            settings.Property(s => s.ChatEndpoint).HasMaxLength(500);
            settings.Property(s => s.ChatModel).HasMaxLength(100);
            settings.Property(s => s.ChatModelName).HasMaxLength(100);
            settings.Property(s => s.EmbeddingsEndpoint).HasMaxLength(500);
            settings.Property(s => s.EmbeddingsModel).HasMaxLength(100);
            settings.Property(s => s.Instructions).HasMaxLength(4000);
            settings.Property(s => s.UpdatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<AnswerRecord>(answer =>
        {
            answer.ToTable("answers");
            answer.HasIndex(a => new { a.OrganizationId, a.AskedAt });
            answer.HasIndex(a => new { a.ExperimentId, a.Arm });
            answer.Property(a => a.UserId).HasMaxLength(100);
            answer.Property(a => a.Question).HasMaxLength(1000);
            answer.Property(a => a.ModelName).HasMaxLength(100);
            answer.Property(a => a.Model).HasMaxLength(100);
            answer.Property(a => a.Arm).HasMaxLength(20);
            answer.Property(a => a.Cost).HasPrecision(12, 6);
            answer.Property(a => a.Error).HasMaxLength(300);
            answer.Property(a => a.Sources).HasColumnType("jsonb");
            answer.Property(a => a.Comment).HasMaxLength(1000);
        });
        modelBuilder.Entity<ToolCall>(call =>
        {
            call.ToTable("tool_calls");
            call.HasIndex(c => new { c.OrganizationId, c.CalledAt });
            call.Property(c => c.ActorId).HasMaxLength(100);
            call.Property(c => c.Tool).HasMaxLength(100);
            call.Property(c => c.Arguments).HasMaxLength(500);
            call.Property(c => c.Scopes).HasMaxLength(200);
            call.Property(c => c.Outcome).HasMaxLength(20);
        });
        modelBuilder.Entity<Experiment>(experiment =>
        {
            experiment.ToTable("experiments");
            experiment.HasIndex(e => new { e.OrganizationId, e.StartedAt });
            // At most one experiment runs per organization.
            experiment.HasIndex(e => e.OrganizationId).IsUnique().HasFilter("outcome IS NULL");
            experiment.Property(e => e.Name).HasMaxLength(100);
            experiment.Property(e => e.RouteBy).HasMaxLength(20).HasDefaultValue("user");
            experiment.Property(e => e.ControlModel).HasMaxLength(100);
            experiment.Property(e => e.VariantModel).HasMaxLength(100);
            experiment.Property(e => e.ControlInstructions).HasMaxLength(4000);
            experiment.Property(e => e.VariantInstructions).HasMaxLength(4000);
            experiment.Property(e => e.StartedBy).HasMaxLength(100);
            experiment.Property(e => e.Outcome).HasMaxLength(20);
        });
        modelBuilder.Entity<SearchIndexVersion>(version =>
        {
            version.ToTable("search_index_versions");
            version.HasKey(v => v.OrganizationId);
        });
    }
}
