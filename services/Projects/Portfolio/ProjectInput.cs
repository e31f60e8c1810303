namespace Platform.Projects.Portfolio;

/// <summary>The fields of a project a client sets: the body of a create, and what a PATCH turns the project into.</summary>
public sealed record ProjectInput(
    string? Key = null,
    string? Name = null,
    string? Description = null,
    bool? Archived = null,
    DateOnly? StartDate = null,
    DayOfWeek[]? WorkingDays = null,
    DateOnly[]? Holidays = null,
    string? PullRequestOpenedState = null,
    string? PullRequestMergedState = null)
{
    public const int MaxDescriptionLength = 10_000;
    public const int MaxHolidays = 1_000;

    /// <summary>What a PATCH may change; the key is fixed, since every task key contains it.</summary>
    public static readonly string[] SettableFields = ["name", "description", "archived", "startDate", "workingDays", "holidays", "pullRequestOpenedState", "pullRequestMergedState"];

    /// <summary>Each code-host state setting that names no state of <paramref name="states"/> (null names none, and is fine).</summary>
    public Dictionary<string, string[]> ValidateStates(IReadOnlyCollection<string> states)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("pullRequestOpenedState", PullRequestOpenedState), ("pullRequestMergedState", PullRequestMergedState) })
        {
            if (value is not null && !states.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                errors[field] = [$"A state of the project's workflow ({string.Join(", ", states)}), or null to leave tasks where they are."];
            }
        }

        return errors;
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Name?.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (Description?.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }

        if (WorkingDays is { } days && (days.Length == 0 || days.Any(d => !Enum.IsDefined(d)) || days.Distinct().Count() != days.Length))
        {
            errors["workingDays"] = ["One or more different days of the week (monday ... sunday)."];
        }

        if (Holidays?.Length > MaxHolidays)
        {
            errors["holidays"] = [$"At most {MaxHolidays} days."];
        }

        return errors;
    }
}
