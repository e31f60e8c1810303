namespace Platform.Projects.Portfolio;

/// <summary>The fields of a project a client sets: the body of a create, and what a PATCH turns the project into.</summary>
public sealed record ProjectInput(
    string? Key = null,
    string? Name = null,
    string? Description = null,
    bool? Archived = null,
    DateOnly? StartDate = null,
    DayOfWeek[]? WorkingDays = null,
    DateOnly[]? Holidays = null)
{
    public const int MaxDescriptionLength = 10_000;
    public const int MaxHolidays = 1_000;

    /// <summary>What a PATCH may change; the key is fixed, since every task key contains it.</summary>
    public static readonly string[] SettableFields = ["name", "description", "archived", "startDate", "workingDays", "holidays"];

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
