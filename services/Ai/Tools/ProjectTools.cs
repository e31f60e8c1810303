using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>Projects and their schedule, as the calling user sees them.</summary>
[McpServerToolType]
[Toolset("projects")]
public sealed class ProjectTools(PlatformApi api)
{
    [McpServerTool(Name = "list_projects", Title = "List projects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the projects of the user's organization (key, name, description).")]
    public async Task<Page<ProjectSummary>> ListProjects(
        [Description("Include archived projects.")] bool includeArchived = false,
        CancellationToken cancellationToken = default)
    {
        var projects = await api.GetAsync<List<ProjectSummary>>($"{PlatformApi.Projects}/projects?includeArchived={includeArchived}", cancellationToken);
        return new Page<ProjectSummary>(projects, null);
    }

    [McpServerTool(Name = "get_critical_path", Title = "Critical path", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Schedules a project from its dependencies and estimates on its working calendar: the projected finish date, the critical chain of task keys, and each task's dates and float.")]
    public Task<CriticalPathDetails> GetCriticalPath(
        [Description("Project key, e.g. PLAT.")] string project,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<CriticalPathDetails>($"{PlatformApi.Projects}/projects/{Arguments.Key(project, nameof(project))}/critical-path", cancellationToken);
}
