using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Analytics.Data;

public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<FlowProject> Projects => Set<FlowProject>();

    public DbSet<FlowTask> Tasks => Set<FlowTask>();

    public DbSet<FlowTransition> Transitions => Set<FlowTransition>();

    public DbSet<FlowDependency> Dependencies => Set<FlowDependency>();

    public DbSet<StoredForecast> Forecasts => Set<StoredForecast>();

    public DbSet<StoredCountForecast> CountForecasts => Set<StoredCountForecast>();

    public DbSet<AssessedRisk> Risks => Set<AssessedRisk>();

    public DbSet<KnownOrganization> Organizations => Set<KnownOrganization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<JournalEntry>(entry =>
        {
            entry.ToTable("event_journal");
            entry.HasKey(e => e.Sequence);
            entry.HasIndex(e => e.EventId).IsUnique();
            entry.HasIndex(e => new { e.OrganizationId, e.Sequence });
            entry.Property(e => e.Type).HasMaxLength(100);
            entry.Property(e => e.Data).HasColumnType("jsonb");
        });
        modelBuilder.Entity<FlowProject>(project =>
        {
            project.ToTable("flow_projects");
            project.Property(p => p.Id).ValueGeneratedNever();
            project.HasIndex(p => new { p.OrganizationId, p.Key }).IsUnique();
            project.Property(p => p.Key).HasMaxLength(10);
        });
        modelBuilder.Entity<FlowTask>(task =>
        {
            task.ToTable("flow_tasks");
            task.Property(t => t.Id).ValueGeneratedNever();
            // By project, and in order of creation: the risk assessment reads its project's first task on every event.
            task.HasIndex(t => new { t.ProjectId, t.CreatedAt });
            task.Property(t => t.Key).HasMaxLength(40);
            task.Property(t => t.Title).HasMaxLength(500);
            task.Property(t => t.Category).HasMaxLength(20);
            task.Property(t => t.Parent).HasMaxLength(40);
        });
        modelBuilder.Entity<FlowTransition>(transition =>
        {
            transition.ToTable("flow_transitions");
            transition.HasIndex(t => new { t.ProjectId, t.At });
            transition.HasIndex(t => t.TaskId);
            transition.Property(t => t.FromCategory).HasMaxLength(20);
            transition.Property(t => t.ToCategory).HasMaxLength(20);
        });
        modelBuilder.Entity<FlowDependency>(dependency =>
        {
            dependency.ToTable("flow_dependencies");
            dependency.HasKey(d => new { d.PredecessorId, d.SuccessorId });
            dependency.HasIndex(d => d.SuccessorId);
            dependency.Property(d => d.Type).HasMaxLength(20);
        });
        modelBuilder.Entity<StoredForecast>(forecast =>
        {
            forecast.ToTable("forecasts");
            forecast.Property(f => f.Id).ValueGeneratedNever();
            forecast.HasIndex(f => new { f.ProjectId, f.MadeAt });
            forecast.Property(f => f.Method).HasMaxLength(20);
            forecast.Property(f => f.Inputs).HasColumnType("jsonb");
        });
        modelBuilder.Entity<StoredCountForecast>(forecast =>
        {
            forecast.ToTable("count_forecasts");
            forecast.Property(f => f.Id).ValueGeneratedNever();
            forecast.HasIndex(f => new { f.ProjectId, f.MadeAt });
            forecast.Property(f => f.Inputs).HasColumnType("jsonb");
        });
        modelBuilder.Entity<AssessedRisk>(risk =>
        {
            risk.ToTable("task_risks");
            risk.HasKey(r => r.TaskId);
            risk.HasIndex(r => r.ProjectId);
            risk.Property(r => r.Level).HasMaxLength(10);
        });
        modelBuilder.Entity<KnownOrganization>(organization =>
        {
            organization.ToTable("known_organizations");
            organization.HasKey(o => o.OrganizationId);
        });
    }
}
