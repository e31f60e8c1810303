namespace Platform.Projects.Data;

/// <summary>
/// Code that names a task: a pull request (GitLab: merge request) or a commit, as its code host last told of it, with
/// the CI checks that ran on it. One link per task and thing; a link goes with its task.
/// </summary>
public sealed class TaskLink
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>pullRequest, commit, or check (a build that named the task but no pull request or commit of it).</summary>
    public required string Kind { get; set; }

    /// <summary>github, gitlab or generic.</summary>
    public required string Provider { get; set; }

    /// <summary>owner/name on GitHub, the project's path on GitLab.</summary>
    public required string Repository { get; set; }

    /// <summary>The pull request's number, the commit's sha, or the check's name.</summary>
    public required string Reference { get; set; }

    public required string Title { get; set; }

    public required string Url { get; set; }

    public string Author { get; set; } = "";

    public string Branch { get; set; } = "";

    /// <summary>A pull request's state: draft, open, closed or merged; null for a commit.</summary>
    public string? State { get; set; }

    /// <summary>JSON object of check name to its status, conclusion, address and time (<see cref="LinkCheck"/>).</summary>
    public string Checks { get; set; } = "{}";

    public DateTimeOffset LinkedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A CI check's latest word on a linked pull request or commit.</summary>
public sealed record LinkCheck(string Status, string? Conclusion, string Url, DateTimeOffset At);
