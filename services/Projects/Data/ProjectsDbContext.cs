using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

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
    }
}
