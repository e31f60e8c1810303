using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Projects.Automation;

/// <summary>Conditions over a task's API view; text compares ignoring case, dates and numbers by value.</summary>
public static class RuleConditions
{
    /// <summary>Null when every condition holds, else the first that does not, in words for the run log.</summary>
    public static string? FirstFailing(IEnumerable<RuleCondition> conditions, JsonObject task)
    {
        foreach (var condition in conditions)
        {
            if (!Holds(condition, task[condition.Field]))
            {
                return $"{condition.Field} {JsonNamingPolicy.CamelCase.ConvertName(condition.Operator.ToString())} {condition.Value?.GetRawText()} does not hold (it is {task[condition.Field]?.ToJsonString() ?? "empty"}).";
            }
        }

        return null;
    }

    private static bool Holds(RuleCondition condition, JsonNode? field)
    {
        var value = condition.Value is { } v ? JsonNode.Parse(v.GetRawText()) : null;
        return condition.Operator switch
        {
            ConditionOperator.Equals => Same(field, value),
            ConditionOperator.NotEquals => !Same(field, value),
            ConditionOperator.Contains => Contains(field, value),
            ConditionOperator.NotContains => !Contains(field, value),
            ConditionOperator.GreaterThan => Compare(field, value) > 0,
            ConditionOperator.LessThan => Compare(field, value) is < 0 and not int.MinValue,
            ConditionOperator.IsEmpty => IsEmpty(field),
            ConditionOperator.IsNotEmpty => !IsEmpty(field),
            _ => false,
        };
    }

    private static bool Same(JsonNode? a, JsonNode? b) =>
        a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.String && y.GetValueKind() == JsonValueKind.String
            ? string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(a, b);

    /// <summary>A list (labels) containing the value, or a text containing it.</summary>
    private static bool Contains(JsonNode? field, JsonNode? value) => field switch
    {
        JsonArray items => items.Any(item => Same(item, value)),
        JsonValue text when text.GetValueKind() == JsonValueKind.String && value is JsonValue part && part.GetValueKind() == JsonValueKind.String =>
            text.GetValue<string>().Contains(part.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Numbers by value, texts (ISO dates among them) in order; int.MinValue when they cannot be compared.</summary>
    private static int Compare(JsonNode? field, JsonNode? value)
    {
        if (field is not JsonValue a || value is not JsonValue b || a.GetValueKind() != b.GetValueKind())
        {
            return int.MinValue;
        }

        return a.GetValueKind() switch
        {
            JsonValueKind.Number => a.GetValue<double>().CompareTo(b.GetValue<double>()),
            JsonValueKind.String => string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>()),
            _ => int.MinValue,
        };
    }

    private static bool IsEmpty(JsonNode? field) => field switch
    {
        null => true,
        JsonArray items => items.Count == 0,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>().Length == 0,
        _ => false,
    };
}
