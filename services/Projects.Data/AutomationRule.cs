namespace Platform.Projects.Data;

/// <summary>
/// "When (trigger) and if (conditions) then (actions)" for the tasks of one project. Trigger, conditions and
/// actions are stored as the JSON the API takes (see Automation/RuleDefinition).
/// </summary>
public sealed class AutomationRule
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    public required string Name { get; set; }

    public bool Enabled { get; set; } = true;

    public required string Trigger { get; set; }

    public required string Conditions { get; set; }

    public required string Actions { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public uint Version { get; set; }
}

/// <summary>
/// A rule with a due-date trigger, listed outside row-level security (ids only, no content) so the scan can
/// find the organizations to look at; it then reads their rules and tasks as each organization.
/// </summary>
public sealed class DueDateWatch
{
    public Guid RuleId { get; set; }

    public Guid OrganizationId { get; set; }
}

public enum RuleOutcome
{
    /// <summary>The conditions held and every action was applied.</summary>
    Succeeded,

    /// <summary>The trigger matched but the conditions did not hold.</summary>
    Skipped,

    /// <summary>An action was refused or threw; nothing of the rule's actions was kept.</summary>
    Failed,

    /// <summary>The change came from a chain of rules already as deep as allowed: the chain ends here.</summary>
    LoopStopped,
}

/// <summary>One time a rule's trigger matched: what happened and why.</summary>
public sealed class RuleRun
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid RuleId { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>The event that triggered the run (none for the due-date scan).</summary>
    public Guid? EventId { get; set; }

    public DateTimeOffset At { get; set; }

    public RuleOutcome Outcome { get; set; }

    public int Depth { get; set; }

    public string Detail { get; set; } = "";
}
