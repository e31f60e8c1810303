using Platform.Projects.Data;

namespace Platform.Projects.Tasks;

/// <summary>
/// The fields of a task a client sets: the body of a create, and what a PATCH (JSON merge patch) turns the
/// current task into. <see cref="State"/> names a state of the project's workflow, <see cref="Parent"/> a task key.
/// </summary>
public sealed record TaskInput(
    string? Title = null,
    string? Description = null,
    string? State = null,
    Guid? Assignee = null,
    TaskPriority? Priority = null,
    string[]? Labels = null,
    string? Parent = null,
    double? OptimisticDays = null,
    double? MostLikelyDays = null,
    double? PessimisticDays = null,
    double? StoryPoints = null,
    DateOnly? StartDate = null,
    DateOnly? DueDate = null)
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 100_000;
    public const int MaxLabels = 20;
    public const int MaxLabelLength = 50;

    /// <summary>The field names a client may set, as JSON spells them.</summary>
    public static readonly string[] FieldNames =
    [
        "title", "description", "state", "assignee", "priority", "labels", "parent",
        "optimisticDays", "mostLikelyDays", "pessimisticDays", "storyPoints", "startDate", "dueDate",
    ];

    /// <summary>Everything that can be checked without the database, by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Title?.Trim() is not { Length: > 0 and <= MaxTitleLength })
        {
            errors["title"] = [$"A title of 1 to {MaxTitleLength} characters is required."];
        }

        if (Description?.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }

        if (Priority is { } priority && !Enum.IsDefined(priority))
        {
            errors["priority"] = ["One of none, urgent, high, medium, low."];
        }

        if (Labels is { } labels && (labels.Length > MaxLabels || labels.Any(l => l?.Trim() is not { Length: > 0 and <= MaxLabelLength })))
        {
            errors["labels"] = [$"At most {MaxLabels} labels of 1 to {MaxLabelLength} characters."];
        }

        if (EstimateError() is { } estimateError)
        {
            errors["estimate"] = [estimateError];
        }

        if (StoryPoints is { } points && (double.IsNaN(points) || points is < 0 or > 1000))
        {
            errors["storyPoints"] = ["Between 0 and 1000."];
        }

        if (StartDate is { } start && DueDate is { } due && due < start)
        {
            errors["dueDate"] = [$"The due date {due:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}."];
        }

        return errors;
    }

    /// <summary>Labels trimmed, without repeats (ignoring case), in the order given.</summary>
    public List<string> NormalizedLabels() =>
        [.. (Labels ?? []).Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>All three estimates or none, none negative, optimistic ≤ most likely ≤ pessimistic.</summary>
    private string? EstimateError()
    {
        double?[] estimate = [OptimisticDays, MostLikelyDays, PessimisticDays];
        if (estimate.All(e => e is null))
        {
            return null;
        }

        if (estimate.Any(e => e is null or < 0 or > 10_000 || double.IsNaN(e.Value)))
        {
            return "Give optimisticDays, mostLikelyDays and pessimisticDays together, each between 0 and 10000 working days.";
        }

        return OptimisticDays <= MostLikelyDays && MostLikelyDays <= PessimisticDays
            ? null
            : "The estimate must satisfy optimisticDays ≤ mostLikelyDays ≤ pessimisticDays.";
    }
}
