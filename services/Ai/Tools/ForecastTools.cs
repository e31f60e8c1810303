using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>Delivery forecasts and risks from the analytics service: what an assistant answers "when will it be done?" and "what could go wrong?" with.</summary>
[McpServerToolType]
[Toolset("projects")]
public sealed class ForecastTools(PlatformApi api)
{
    [McpServerTool(Name = "forecast", Title = "Forecast delivery", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Forecasts when a project's open work is done (dates) or, with 'by', how many tasks are done by a day (counts), by Monte Carlo " +
        "simulation of the team's own weekly throughput. How to read it: P50 is a coin toss, never a promise; P85 is the date (or count) to " +
        "commit to; P95 is for hard deadlines. For counts, P95 is the smallest number: the one almost sure to be reached. Method 'threePoint' " +
        "means the history is too short (under 20 tasks done or 6 weeks) and the dates rest on the tasks' own estimates along the critical " +
        "chain: say so, and treat them as less certain. Always pass on the notes.")]
    public Task<ForecastDetails> Forecast(
        [Description("Project key, e.g. PLAT.")] string project,
        [Description("Only tasks with this label.")] string? label = null,
        [Description("Only subtasks of this task (its key), e.g. an epic.")] string? parent = null,
        [Description("Only these task keys.")] string[]? tasks = null,
        [Description("Count how many tasks are done by this day (yyyy-MM-dd) instead of forecasting dates.")] DateOnly? by = null,
        [Description("Model new work arriving at its historical rate (off by default).")] bool scopeGrowth = false,
        CancellationToken cancellationToken = default) =>
        api.PostAsync<ForecastDetails>($"{PlatformApi.Analytics}/projects/{Arguments.Key(project, nameof(project))}/forecasts",
            new { label, parent, tasks, by, scopeGrowth }, cancellationToken);

    [McpServerTool(Name = "get_risks", Title = "Project risks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The project's risk (score 0-100, level none/low/medium/high) and its open tasks at risk, riskiest first, each with its reasons " +
        "in words: overdue, due before it will likely be done, on the critical path or with little float, waiting on late work, in progress " +
        "longer than 85 % of finished work, nobody assigned as it starts; for the project, work arriving faster than it is done and a forecast " +
        "after the last due date. Quote the reasons; suggest the action each one implies (reassign, re-plan, unblock, split).")]
    public Task<ProjectRisk> GetRisks(
        [Description("Project key, e.g. PLAT.")] string project,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<ProjectRisk>($"{PlatformApi.Analytics}/projects/{Arguments.Key(project, nameof(project))}/risks", cancellationToken);
}
