using System.Text.Json.Serialization;
using Platform.Projects.Data;

namespace Platform.Projects.Portfolio;

public sealed record ProjectView(
    Guid Id,
    string Key,
    string Name,
    string Description,
    bool Archived,
    DateOnly? StartDate,
    DayOfWeek[] WorkingDays,
    DateOnly[] Holidays,
    string? PullRequestOpenedState,
    string? PullRequestMergedState,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore] uint Version = 0)
{
    public static ProjectView Of(Project project) => new(
        project.Id, project.Key, project.Name, project.Description, project.ArchivedAt is not null, project.StartDate,
        [.. project.WorkingDays.OrderBy(d => ((int)d + 6) % 7)], [.. project.Holidays.Order()],
        project.PullRequestOpenedState, project.PullRequestMergedState, project.CreatedAt, project.Version);
}
