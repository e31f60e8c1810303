using System.ComponentModel;
using System.Globalization;
using System.Text;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Tools;

namespace Platform.Ai.Prompts;

/// <summary>Ready-made requests an assistant's user picks from a menu, with the platform's current content filled in.</summary>
[McpServerPromptType]
public sealed class PlatformPrompts(PlatformApi api)
{
    [McpServerPrompt(Name = "plan_requirements", Title = "Plan a requirements document into tasks")]
    [Description("Turns a requirements document into a plan: tasks with estimates and dependencies, created in a project.")]
    public async Task<string> PlanRequirements(
        [Description("The requirements document's id.")] Guid document,
        [Description("The project key to create the tasks in.")] string project,
        CancellationToken cancellationToken)
    {
        var content = await api.GetAsync<DocumentContent>($"{PlatformApi.Collaboration}/documents/{document}", cancellationToken);
        return $"""
            Plan the requirements document "{content.Document.Title}" below into tasks for project {project.ToUpperInvariant()}.
            Split it into tasks of at most a few days each, with a clear title and a markdown description citing the requirement.
            Give each a three-point estimate (optimistic, most likely, pessimistic days) where you can. Create them with create_task,
            then link them with add_dependency where one needs another first, and finish with get_critical_path to report the finish date.

            ---
            {content.Content}
            """;
    }

    [McpServerPrompt(Name = "review_design", Title = "Review a design document")]
    [Description("Reviews a design document: gaps, risks, unclear decisions, and questions for the authors.")]
    public async Task<string> ReviewDesign([Description("The design document's id.")] Guid document, CancellationToken cancellationToken)
    {
        var content = await api.GetAsync<DocumentContent>($"{PlatformApi.Collaboration}/documents/{document}", cancellationToken);
        return $"""
            Review the design document "{content.Document.Title}" (version {content.Version}) below as a senior engineer would.
            List missing decisions, risks (performance, security, operations), contradictions and unclear parts, each with the
            passage it concerns, and end with questions for the authors. Suggest concrete wording where a fix is simple; you can
            apply agreed changes with edit_document.

            ---
            {content.Content}
            """;
    }

    [McpServerPrompt(Name = "project_status", Title = "Summarize a project's status")]
    [Description("Summarizes where a project stands: progress by state, blocked work, and the projected finish date.")]
    public async Task<string> ProjectStatus([Description("The project key, e.g. PLAT.")] string project, CancellationToken cancellationToken)
    {
        var key = Arguments.Key(project, nameof(project));
        var tasks = await api.GetAsync<Page<TaskSummary>>($"{PlatformApi.Projects}/projects/{key}/tasks?limit=200", cancellationToken);
        var schedule = await api.GetAsync<CriticalPathDetails>($"{PlatformApi.Projects}/projects/{key}/critical-path", cancellationToken);
        var facts = new StringBuilder();
        foreach (var state in tasks.Items.GroupBy(t => t.State))
        {
            facts.AppendLine(CultureInfo.InvariantCulture, $"- {state.Key}: {state.Count()} tasks");
        }
        foreach (var task in tasks.Items.Where(t => t.Blocked))
        {
            facts.AppendLine(CultureInfo.InvariantCulture, $"- blocked: {task.Key} {task.Title}");
        }
        facts.AppendLine(CultureInfo.InvariantCulture, $"- projected finish: {schedule.FinishDate:yyyy-MM-dd}; critical chain: {string.Join(" → ", schedule.CriticalPath)}");
        return $"""
            Summarize the status of project {key} for its team in a few short paragraphs: progress, what is blocked and why it
            matters, the critical chain and whether the finish date is at risk. Facts{(tasks.NextCursor is null ? "" : " (first 200 tasks)")}:
            {facts}
            """;
    }
}
