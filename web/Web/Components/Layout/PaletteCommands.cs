using Platform.Web.Api;

namespace Platform.Web.Components.Layout;

/// <summary>A command of the palette: what it says, and where it goes.</summary>
public sealed record PaletteCommand(string Text, string Href);

public static class PaletteCommands
{
    /// <summary>The pages, and each project's board, list and timeline.</summary>
    public static IReadOnlyList<PaletteCommand> For(IEnumerable<ProjectView> projects) =>
    [
        new("Go to projects", "/projects"),
        new("Search tasks and documents, or ask", "/search"),
        new("Activity: what happened lately", "/activity"),
        new("Create a personal access token", "/settings/tokens"),
        new("Connect an AI assistant", "/settings/assistants"),
        new("Organization: members, invitations, machine clients", "/settings/organization"),
        new("Connect GitHub, GitLab or CI: integrations", "/settings/integrations"),
        .. projects.Where(p => !p.Archived).OrderBy(p => p.Key).SelectMany(project => new PaletteCommand[]
        {
            new($"Board of {project.Key} {project.Name}", $"/projects/{project.Key}"),
            new($"List of {project.Key} {project.Name}", $"/projects/{project.Key}/list"),
            new($"Timeline (Gantt) of {project.Key} {project.Name}", $"/projects/{project.Key}/timeline"),
            new($"Activity of {project.Key} {project.Name}", $"/projects/{project.Key}/activity"),
        }),
    ];

    /// <summary>The commands whose text holds every word typed, in any order and case.</summary>
    public static IEnumerable<PaletteCommand> Matching(IEnumerable<PaletteCommand> commands, string typed)
    {
        var words = typed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return commands.Where(command => words.All(word => command.Text.Contains(word, StringComparison.OrdinalIgnoreCase)));
    }
}
