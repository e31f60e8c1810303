using Microsoft.EntityFrameworkCore;
using Platform.EventBus;

namespace Platform.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<FollowedTask> Tasks => Set<FollowedTask>();

    public DbSet<TaskWatcher> Watchers => Set<TaskWatcher>();

    public DbSet<DocumentMention> DocumentMentions => Set<DocumentMention>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliverySchedule> Schedule => Set<DeliverySchedule>();

    public DbSet<Preference> Preferences => Set<Preference>();

    public DbSet<DueReminder> DueReminders => Set<DueReminder>();

    public DbSet<DigestSchedule> Digests => Set<DigestSchedule>();

    public DbSet<PushDevice> PushDevices => Set<PushDevice>();

    public DbSet<OrganizationBranding> Brandings => Set<OrganizationBranding>();

    public DbSet<ConnectedChat> Chats => Set<ConnectedChat>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => new { p.OrganizationId, p.UserId });
            person.Property(p => p.Email).HasMaxLength(256);
            person.Property(p => p.DisplayName).HasMaxLength(200);
            person.Property(p => p.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<FollowedTask>(task =>
        {
            task.ToTable("tasks");
            task.HasKey(t => t.TaskId);
            task.Property(t => t.Key).HasMaxLength(40);
            task.Property(t => t.Title).HasMaxLength(500);
            task.Property(t => t.Assignee).HasMaxLength(200);
        });
        modelBuilder.Entity<TaskWatcher>(watcher =>
        {
            watcher.ToTable("task_watchers");
            watcher.HasKey(w => new { w.TaskId, w.UserId });
            watcher.Property(w => w.UserId).HasMaxLength(200);
        });
        modelBuilder.Entity<DocumentMention>(mention =>
        {
            mention.ToTable("document_mentions");
            mention.HasKey(m => new { m.DocumentId, m.UserId });
        });
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.Property(n => n.Id).ValueGeneratedNever();
            // One notification per event, kind and person, however often the event is handed over.
            notification.HasIndex(n => new { n.EventId, n.Kind, n.RecipientId }).IsUnique();
            notification.HasIndex(n => new { n.RecipientId, n.CreatedAt });
            notification.Property(n => n.Kind).HasMaxLength(40);
            notification.Property(n => n.Title).HasMaxLength(300);
            notification.Property(n => n.Body).HasMaxLength(4000);
            notification.Property(n => n.Link).HasMaxLength(300);
            notification.Property(n => n.TaskKey).HasMaxLength(40);
            notification.Property(n => n.Actor).HasMaxLength(200);
            notification.Property(n => n.Language).HasMaxLength(8).HasDefaultValue("en");
        });
        modelBuilder.Entity<Delivery>(delivery =>
        {
            delivery.ToTable("deliveries");
            delivery.Property(d => d.Id).ValueGeneratedNever();
            delivery.HasIndex(d => new { d.NotificationId, d.Channel }).IsUnique();
            delivery.HasIndex(d => new { d.OrganizationId, d.CreatedAt });
            delivery.Property(d => d.Channel).HasMaxLength(20);
            delivery.Property(d => d.Address).HasMaxLength(2000);
            delivery.Property(d => d.Status).HasMaxLength(20);
            delivery.Property(d => d.LastError).HasMaxLength(1000);
            delivery.HasOne<Notification>().WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Preference>(preference =>
        {
            preference.ToTable("preferences");
            preference.HasKey(p => new { p.OrganizationId, p.UserId });
            preference.Property(p => p.TimeZone).HasMaxLength(64);
            preference.Property(p => p.Digest).HasMaxLength(20);
            preference.Property(p => p.Language).HasMaxLength(8).HasDefaultValue("en");
        });
        modelBuilder.Entity<DigestSchedule>(digest =>
        {
            digest.ToTable("digest_schedule");
            digest.HasKey(d => new { d.OrganizationId, d.UserId });
            digest.HasIndex(d => d.DueAt);
        });
        modelBuilder.Entity<DueReminder>(reminder =>
        {
            reminder.ToTable("due_reminders");
            reminder.HasKey(r => r.TaskId);
            reminder.HasIndex(r => r.RemindAt);
        });
        modelBuilder.Entity<DeliverySchedule>(schedule =>
        {
            schedule.ToTable("delivery_schedule");
            schedule.HasKey(s => s.DeliveryId);
            schedule.HasIndex(s => new { s.Channel, s.DueAt });
            schedule.Property(s => s.Channel).HasMaxLength(20);
        });
        modelBuilder.Entity<OrganizationBranding>(branding =>
        {
            branding.ToTable("brandings");
            branding.HasKey(b => b.OrganizationId);
            branding.Property(b => b.Name).HasMaxLength(200);
            branding.Property(b => b.AccentColor).HasMaxLength(7);
            branding.Property(b => b.LogoUrl).HasMaxLength(500);
        });
        modelBuilder.Entity<ConnectedChat>(chat =>
        {
            chat.ToTable("connected_chats");
            chat.HasKey(c => new { c.OrganizationId, c.ChatId });
            chat.HasIndex(c => c.UserId);
            chat.Property(c => c.Format).HasMaxLength(20);
        });
        modelBuilder.Entity<PushDevice>(device =>
        {
            device.ToTable("push_devices");
            device.Property(d => d.Id).ValueGeneratedNever();
            // A browser is one device per organization: subscribing it again (another member signing in there) moves it.
            device.HasIndex(d => new { d.OrganizationId, d.Endpoint }).IsUnique();
            device.HasIndex(d => d.UserId);
            device.Property(d => d.Endpoint).HasMaxLength(2000);
            device.Property(d => d.PublicKey).HasMaxLength(100);
            device.Property(d => d.AuthSecret).HasMaxLength(40);
            device.Property(d => d.Label).HasMaxLength(100);
        });
    }
}
