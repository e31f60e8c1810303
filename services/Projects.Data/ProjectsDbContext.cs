using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Projects.Data;

public sealed class ProjectsDbContext(DbContextOptions<ProjectsDbContext> options) : DbContext(options)
{
    public DbSet<TaskLink> Links => Set<TaskLink>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<WorkflowState> States => Set<WorkflowState>();

    public DbSet<ProjectMember> Members => Set<ProjectMember>();

    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

    public DbSet<TaskDependency> Dependencies => Set<TaskDependency>();

    public DbSet<TaskHistoryEntry> History => Set<TaskHistoryEntry>();

    public DbSet<TaskComment> Comments => Set<TaskComment>();

    public DbSet<TaskWatcher> Watchers => Set<TaskWatcher>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AutomationRule> Rules => Set<AutomationRule>();

    public DbSet<RuleRun> RuleRuns => Set<RuleRun>();

    public DbSet<DueDateWatch> DueDateWatches => Set<DueDateWatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Project>(project =>
        {
            project.HasIndex(p => new { p.OrganizationId, p.Key }).IsUnique();
            project.Property(p => p.Key).HasMaxLength(10);
            project.Property(p => p.Name).HasMaxLength(200);
            project.Property(p => p.PullRequestOpenedState).HasMaxLength(50);
            project.Property(p => p.PullRequestMergedState).HasMaxLength(50);
            project.Property(p => p.Version).IsRowVersion();
        });
        modelBuilder.Entity<TaskLink>(link =>
        {
            link.ToTable("task_links");
            link.HasIndex(l => new { l.TaskId, l.Kind, l.Provider, l.Repository, l.Reference }).IsUnique();
            // Checks find the pull requests of their repository by number or branch, and commits by sha.
            link.HasIndex(l => new { l.Provider, l.Repository, l.Reference });
            link.HasIndex(l => new { l.Provider, l.Repository, l.Branch });
            link.Property(l => l.Kind).HasMaxLength(20);
            link.Property(l => l.Provider).HasMaxLength(20);
            link.Property(l => l.Repository).HasMaxLength(300);
            link.Property(l => l.Reference).HasMaxLength(100);
            link.Property(l => l.Title).HasMaxLength(500);
            link.Property(l => l.Url).HasMaxLength(2000);
            link.Property(l => l.Author).HasMaxLength(200);
            link.Property(l => l.Branch).HasMaxLength(300);
            link.Property(l => l.State).HasMaxLength(20);
            link.Property(l => l.Checks).HasColumnType("jsonb");
            link.HasOne<ProjectTask>().WithMany().HasForeignKey(l => l.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WorkflowState>(state =>
        {
            state.ToTable("workflow_states");
            state.HasIndex(s => new { s.ProjectId, s.Name }).IsUnique();
            state.Property(s => s.Name).HasMaxLength(50);
            state.Property(s => s.Category).HasConversion<string>().HasMaxLength(20);
            state.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProjectMember>(member =>
        {
            member.ToTable("project_members");
            member.HasKey(m => new { m.ProjectId, m.UserId });
            member.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            member.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProjectTask>(task =>
        {
            task.ToTable("tasks");
            task.HasIndex(t => new { t.ProjectId, t.Number }).IsUnique();
            task.HasIndex(t => t.ParentId);
            task.HasIndex(t => new { t.ProjectId, t.Priority, t.Number });
            task.HasIndex(t => t.Labels).HasMethod("gin");
            task.Property(t => t.Title).HasMaxLength(500);
            task.Property(t => t.Version).IsRowVersion();
            task.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
            // A state in use cannot go (the workflow endpoint moves its tasks first); checked at the end of the statement, so deleting a project removes both.
            task.HasOne(t => t.State).WithMany().HasForeignKey(t => t.StateId).OnDelete(DeleteBehavior.NoAction);
            task.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<TaskDependency>(dependency =>
        {
            dependency.ToTable("task_dependencies");
            dependency.HasIndex(d => new { d.PredecessorId, d.SuccessorId }).IsUnique();
            dependency.HasIndex(d => d.SuccessorId);
            dependency.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
            dependency.HasOne(d => d.Predecessor).WithMany().HasForeignKey(d => d.PredecessorId).OnDelete(DeleteBehavior.Cascade);
            dependency.HasOne<ProjectTask>().WithMany().HasForeignKey(d => d.SuccessorId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TaskHistoryEntry>(entry =>
        {
            entry.ToTable("task_history");
            entry.HasIndex(e => new { e.TaskId, e.ChangedAt });
            entry.Property(e => e.ChangedBy).HasMaxLength(200);
            entry.Property(e => e.Changes).HasColumnType("jsonb");
            entry.HasOne<ProjectTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TaskComment>(comment =>
        {
            comment.ToTable("task_comments");
            comment.HasIndex(c => new { c.TaskId, c.Id });
            comment.Property(c => c.AuthorId).HasMaxLength(200);
            comment.HasOne<ProjectTask>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TaskWatcher>(watcher =>
        {
            watcher.ToTable("task_watchers");
            watcher.HasKey(w => new { w.TaskId, w.UserId });
            watcher.Property(w => w.UserId).HasMaxLength(200);
            watcher.HasOne<ProjectTask>().WithMany().HasForeignKey(w => w.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");
            record.HasKey(r => new { r.OrganizationId, r.CallerId, r.Key });
            record.Property(r => r.CallerId).HasMaxLength(200);
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.ResponseBody).HasColumnType("jsonb");
            record.HasIndex(r => r.CreatedAt);
        });
        modelBuilder.Entity<AutomationRule>(rule =>
        {
            rule.ToTable("automation_rules");
            rule.HasIndex(r => r.ProjectId);
            rule.Property(r => r.Name).HasMaxLength(200);
            rule.Property(r => r.CreatedBy).HasMaxLength(200);
            rule.Property(r => r.Trigger).HasColumnType("jsonb");
            rule.Property(r => r.Conditions).HasColumnType("jsonb");
            rule.Property(r => r.Actions).HasColumnType("jsonb");
            rule.Property(r => r.Version).IsRowVersion();
            rule.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RuleRun>(run =>
        {
            run.ToTable("rule_runs");
            run.HasIndex(r => new { r.RuleId, r.Id });
            run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
            run.HasOne<AutomationRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DueDateWatch>(watch =>
        {
            watch.ToTable("due_date_watches");
            watch.HasKey(w => w.RuleId);
            watch.HasOne<AutomationRule>().WithMany().HasForeignKey(w => w.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
