namespace Platform.Identity.Organizations;

/// <summary>A tenant: every project, task and document belongs to exactly one.</summary>
public sealed class Organization
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>Lower-case, URL-safe, unique: used in resource URIs such as <c>platform://{org}/docs/{id}</c>.</summary>
    public required string Slug { get; set; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public List<Membership> Memberships { get; } = [];
}
