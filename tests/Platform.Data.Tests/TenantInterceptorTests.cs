using Microsoft.EntityFrameworkCore;

namespace Platform.Data.Tests;

/// <summary>
/// Through EF Core with a service's connection settings: the tenant of the unit of work decides what is seen, also on a
/// pooled connection that worked for another organization a moment before (the pool does not reset sessions).
/// </summary>
public sealed class TenantInterceptorTests(TenantDatabaseFixture database)
{
    [Fact]
    public async Task A_context_sees_the_rows_of_the_organization_it_works_for_and_none_outside_a_unit_of_work()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var tenant = new TenantContext();
        var organization = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using var context = NotesContext.Create(database, tenant);

        using (tenant.Enter(organization))
        {
            context.Notes.Add(new Note { OrganizationId = organization, Text = "mine" });
            await context.SaveChangesAsync(cancellationToken);
        }

        using (tenant.Enter(other))
        {
            context.Notes.Add(new Note { OrganizationId = other, Text = "theirs" });
            await context.SaveChangesAsync(cancellationToken);
        }

        context.ChangeTracker.Clear();
        using (tenant.Enter(organization))
        {
            Assert.Equal(["mine"], await context.Notes.Select(n => n.Text).ToListAsync(cancellationToken));
        }

        Assert.Empty(await context.Notes.Where(n => n.OrganizationId == organization).ToListAsync(cancellationToken));
    }

    [Fact]
    public async Task Saving_a_row_for_another_organization_fails_and_writes_nothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var tenant = new TenantContext();
        var organization = Guid.NewGuid();
        await using var context = NotesContext.Create(database, tenant);

        using (tenant.Enter(organization))
        {
            context.Notes.Add(new Note { OrganizationId = organization, Text = "ok" });
            context.Notes.Add(new Note { OrganizationId = Guid.NewGuid(), Text = "smuggled" });
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(cancellationToken));

            context.ChangeTracker.Clear();
            Assert.Empty(await context.Notes.ToListAsync(cancellationToken));
        }
    }

    private sealed class Note
    {
        public Guid Id { get; init; } = Guid.NewGuid();

        public Guid OrganizationId { get; init; }

        public required string Text { get; init; }
    }

    private sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        public static NotesContext Create(TenantDatabaseFixture database, TenantContext tenant) => new(
            new DbContextOptionsBuilder<NotesContext>()
                .UseNpgsql(TenantConnectionString.For(database.ApplicationConnectionString))
                .AddInterceptors(new TenantConnectionInterceptor(tenant))
                .Options);

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.OrganizationId).HasColumnName("organization_id");
            note.Property(n => n.Text).HasColumnName("text");
        });
    }
}
