namespace Platform.Projects.Data;

public sealed class Project
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>Upper-case prefix of the project's task keys (<c>PLAT</c> in <c>PLAT-12</c>), unique in the organization.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The number the next task gets; only ever grows, so a key is never reused.</summary>
    public int NextTaskNumber { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
}
