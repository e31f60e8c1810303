namespace Platform.Ai.Data;

/// <summary>
/// An A/B comparison of the organization's answers: a share of its users (by a stable hash of user and experiment) get
/// the variant's chat model or instructions, the others the control's; each answer records its arm
/// (<see cref="AnswerRecord.Arm"/>). At most one runs at a time per organization; it ends promoted or stopped.
/// </summary>
public sealed class Experiment
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>
    /// user: each person keeps one arm for the whole run; conversation: each conversation a client names gets its own arm
    /// (a request naming none is routed by its person), so one person's answers compare both arms.
    /// </summary>
    public string RouteBy { get; set; } = "user";

    /// <summary>A registry model's name; null: the model the organization uses otherwise.</summary>
    public string? ControlModel { get; set; }

    /// <summary>Instructions for the model; null: the platform's.</summary>
    public string? ControlInstructions { get; set; }

    public string? VariantModel { get; set; }

    public string? VariantInstructions { get; set; }

    /// <summary>Percent of users (1 to 99) who get the variant.</summary>
    public int VariantShare { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>promoted (the variant became what the organization uses) or stopped; null while it runs.</summary>
    public string? Outcome { get; set; }
}
