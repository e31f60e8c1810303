using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

    public DbSet<TaskDependency> Dependencies => Set<TaskDependency>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Project>(project =>
        {
            project.HasIndex(p => new { p.OrganizationId, p.Key }).IsUnique();
            project.Property(p => p.Key).HasMaxLength(10);
            project.Property(p => p.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<ProjectTask>(task =>
        {
            task.ToTable("tasks");
            task.HasIndex(t => new { t.ProjectId, t.Number }).IsUnique();
            task.Property(t => t.Title).HasMaxLength(500);
            task.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId);
        });
        modelBuilder.Entity<TaskDependency>(dependency =>
        {
            dependency.ToTable("task_dependencies");
            dependency.HasIndex(d => new { d.PredecessorId, d.SuccessorId }).IsUnique();
            dependency.HasIndex(d => d.SuccessorId);
            dependency.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
            dependency.HasOne<ProjectTask>().WithMany().HasForeignKey(d => d.PredecessorId).OnDelete(DeleteBehavior.Cascade);
            dependency.HasOne<ProjectTask>().WithMany().HasForeignKey(d => d.SuccessorId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
