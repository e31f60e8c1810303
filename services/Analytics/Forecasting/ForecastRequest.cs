using System.ComponentModel;

namespace Platform.Analytics.Forecasting;

/// <summary>What to forecast: when the open work in scope is done, or (with <see cref="By"/>) how much is done by a day.</summary>
public sealed record ForecastRequest(
    [property: Description("Only tasks with this label.")] string? Label = null,
    [property: Description("Only tasks of this assignee (a user id).")] Guid? Assignee = null,
    [property: Description("Only subtasks of this task (its key, such as PLAT-12).")] string? Parent = null,
    [property: Description("Only these tasks (keys); the open ones among them are forecast.")] string[]? Tasks = null,
    [property: Description("Answer \"how many tasks are done by this day?\" instead of \"when is the work done?\".")] DateOnly? By = null,
    [property: Description("Model new work arriving at its historical rate (off unless asked: the back-test calibrated without it).")] bool ScopeGrowth = false,
    [property: Description("Monte Carlo trials, 1,000 to 100,000 (10,000 when left out).")] int Trials = 10_000,
    [property: Description("The random seed: the same seed and data give the same forecast.")] int Seed = 1,
    [property: Description("How many recent weeks of throughput to sample, 4 to 156 (13 when left out: the back-tested window).")] int HistoryWeeks = 13)
{
    public Dictionary<string, string[]> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (Trials is < 1_000 or > 100_000)
        {
            errors["trials"] = ["Trials are 1,000 to 100,000."];
        }
        if (HistoryWeeks is < 4 or > 156)
        {
            errors["historyWeeks"] = ["The history is 4 to 156 weeks."];
        }
        if (By is { } by && by <= today)
        {
            errors["by"] = [$"The day to count by is after today ({today:yyyy-MM-dd})."];
        }
        if (Tasks is { Length: > 1000 })
        {
            errors["tasks"] = ["At most 1,000 tasks."];
        }
        return errors;
    }
}
