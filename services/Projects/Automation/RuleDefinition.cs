using System.Text.Json;
using Platform.Projects.Tasks;

namespace Platform.Projects.Automation;

public enum TriggerType
{
    TaskCreated,

    /// <summary>To any state, or to <see cref="RuleTrigger.State"/> when named.</summary>
    StateChanged,

    /// <summary>When <see cref="RuleTrigger.Field"/> changes.</summary>
    FieldChanged,

    /// <summary>The last unfinished predecessor of a task was done or cancelled.</summary>
    PredecessorsDone,

    CommentAdded,

    /// <summary>The task's due date is at most <see cref="RuleTrigger.Days"/> days away and it is not finished; once per due date.</summary>
    DueDateApproaching,

    /// <summary>
    /// A pull request naming the task changed; <see cref="RuleTrigger.State"/>, when named, is the change: opened,
    /// reopened, ready, edited, reviewed, closed or merged.
    /// </summary>
    PullRequestChanged,

    /// <summary>A CI check finished on the task's pull request or commit; <see cref="RuleTrigger.State"/>, when named, is its conclusion (success, failure, ...).</summary>
    CheckCompleted,
}

public enum ConditionOperator
{
    Equals,
    NotEquals,
    Contains,
    NotContains,
    GreaterThan,
    LessThan,
    IsEmpty,
    IsNotEmpty,
}

public enum ActionType
{
    /// <summary>Sets <see cref="RuleAction.Field"/> to <see cref="RuleAction.Value"/> (as a PATCH of the task would).</summary>
    SetField,

    /// <summary>Moves the task to the state named by the value.</summary>
    Transition,

    /// <summary>Assigns the task to the user id in the value (null: nobody).</summary>
    Assign,

    AddLabel,

    /// <summary>Comments the value (markdown) on the task.</summary>
    AddComment,

    /// <summary>Creates a subtask titled by the value in the task's project.</summary>
    CreateSubtask,

    /// <summary>Asks the notifications service to tell the task's watchers the value.</summary>
    Notify,
}

public sealed record RuleTrigger(TriggerType Type, string? State = null, string? Field = null, int? Days = null);

public sealed record RuleCondition(string Field, ConditionOperator Operator, JsonElement? Value = null);

public sealed record RuleAction(ActionType Type, string? Field = null, JsonElement? Value = null);

/// <summary>A rule as clients write it: when <see cref="Trigger"/>, if every condition holds, do the actions in order.</summary>
public sealed record RuleInput(string? Name, bool? Enabled, RuleTrigger? Trigger, RuleCondition[]? Conditions, RuleAction[]? Actions)
{
    public const int MaxConditions = 20;
    public const int MaxActions = 10;

    /// <summary>What conditions can look at: the fields a client sets, the state's category, and blocked.</summary>
    public static readonly string[] ConditionFields = [.. TaskInput.FieldNames, "stateCategory", "blocked"];

    public Dictionary<string, string[]> Validate()
    {
        // Values are raw JSON (their type depends on the field), so the string converter has not seen them.
        var values = (Conditions ?? []).Select(c => ("conditions", c.Value)).Concat((Actions ?? []).Select(a => ("actions", a.Value)));
        foreach (var (field, value) in values)
        {
            if (value is { } raw && TextInput.Find(System.Text.Json.Nodes.JsonNode.Parse(raw.GetRawText())) is { } bad)
            {
                return new Dictionary<string, string[]> { [field] = [bad.Problem] };
            }
        }

        var errors = new Dictionary<string, string[]>();
        if (Name?.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (Trigger is not { } trigger || !Enum.IsDefined(trigger.Type))
        {
            errors["trigger"] = [$"A trigger: {{\"type\": one of {Names<TriggerType>()}}}."];
        }
        else if (trigger.Type == TriggerType.FieldChanged && !TaskInput.FieldNames.Contains(trigger.Field))
        {
            errors["trigger"] = [$"fieldChanged needs \"field\": one of {string.Join(", ", TaskInput.FieldNames)}."];
        }
        else if (trigger.Type == TriggerType.DueDateApproaching && trigger.Days is not (>= 0 and <= 365))
        {
            errors["trigger"] = ["dueDateApproaching needs \"days\": 0 to 365."];
        }

        var conditions = Conditions ?? [];
        if (conditions.Length > MaxConditions
            || conditions.Any(c => !ConditionFields.Contains(c.Field) || !Enum.IsDefined(c.Operator)
                || (c.Operator is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty) && c.Value is null)))
        {
            errors["conditions"] = [$"At most {MaxConditions}; each names a field ({string.Join(", ", ConditionFields)}), an operator ({Names<ConditionOperator>()}) and, but for isEmpty and isNotEmpty, a value."];
        }

        var actions = Actions ?? [];
        if (actions.Length is 0 or > MaxActions || actions.Any(a => !Enum.IsDefined(a.Type) || ActionError(a) is not null))
        {
            errors["actions"] = [actions.Select(ActionError).FirstOrDefault(e => e is not null) ?? $"1 to {MaxActions} actions, each with a type ({Names<ActionType>()})."];
        }

        return errors;
    }

    private static string? ActionError(RuleAction action) => action.Type switch
    {
        ActionType.SetField when !TaskInput.FieldNames.Contains(action.Field) => $"setField needs \"field\": one of {string.Join(", ", TaskInput.FieldNames)}.",
        ActionType.Transition or ActionType.AddLabel or ActionType.AddComment or ActionType.CreateSubtask or ActionType.Notify
            when action.Value is not { ValueKind: JsonValueKind.String } value || value.GetString()!.Trim().Length == 0
            => $"{JsonNamingPolicy.CamelCase.ConvertName(action.Type.ToString())} needs a text \"value\".",
        ActionType.Assign when action.Value is { ValueKind: not JsonValueKind.Null } value && !(value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _))
            => "assign needs a user id \"value\" (or null for nobody).",
        _ => null,
    };

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}
