namespace Platform.Analytics.Risks;

/// <summary>One reason for concern, in words, with its weight in the score.</summary>
public sealed record RiskReason(string Code, string Text, int Points);

/// <summary>An open task's risk: a score from 0 to 100, its level, and its reasons, weightiest first.</summary>
public sealed record TaskRiskView(Guid Id, string Key, string Title, int Score, string Level, IReadOnlyList<RiskReason> Reasons);

/// <summary>The project's risk (its own reasons, or its riskiest task's score if higher) and its open tasks at risk, riskiest first.</summary>
public sealed record ProjectRiskView(string Project, int Score, string Level, IReadOnlyList<RiskReason> Reasons, IReadOnlyList<TaskRiskView> Tasks);

public static class RiskLevels
{
    public const string None = "none";

    /// <summary>none below 1, low below 25, medium below 50, high from 50.</summary>
    public static string Of(int score) => score switch
    {
        >= 50 => "high",
        >= 25 => "medium",
        > 0 => "low",
        _ => None,
    };
}
