namespace Platform.Projects.Data;

public sealed class TaskComment
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid TaskId { get; set; }

    public required string AuthorId { get; set; }

    /// <summary>Markdown.</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }
}
