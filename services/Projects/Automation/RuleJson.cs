using System.Text.Json;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Tasks;

namespace Platform.Projects.Automation;

/// <summary>Rules keep their trigger, conditions and actions as the JSON the API takes.</summary>
public static class RuleJson
{
    public static RuleInput Read(AutomationRule rule) => new(
        rule.Name,
        rule.Enabled,
        JsonSerializer.Deserialize<RuleTrigger>(rule.Trigger, ApiJson.Options),
        JsonSerializer.Deserialize<RuleCondition[]>(rule.Conditions, ApiJson.Options),
        JsonSerializer.Deserialize<RuleAction[]>(rule.Actions, ApiJson.Options));

    public static void Write(AutomationRule rule, RuleInput input)
    {
        rule.Name = input.Name!.Trim();
        rule.Enabled = input.Enabled ?? true;
        rule.Trigger = JsonSerializer.Serialize(input.Trigger, ApiJson.Options);
        rule.Conditions = JsonSerializer.Serialize(input.Conditions ?? [], ApiJson.Options);
        rule.Actions = JsonSerializer.Serialize(input.Actions, ApiJson.Options);
    }
}
