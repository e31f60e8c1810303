using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Projects.Automation;

namespace Platform.Projects.Tests;

public sealed class RuleConditionsTests
{
    private static readonly JsonObject Task = JsonNode.Parse("""
        {"title": "Fix the Login page", "state": "In Progress", "stateCategory": "inProgress", "labels": ["bug", "UI"],
         "storyPoints": 3, "dueDate": "2026-12-10", "blocked": false}
        """)!.AsObject();

    [Theory]
    [InlineData("state", ConditionOperator.Equals, "\"in progress\"", true)]
    [InlineData("state", ConditionOperator.NotEquals, "\"Done\"", true)]
    [InlineData("labels", ConditionOperator.Contains, "\"ui\"", true)]
    [InlineData("labels", ConditionOperator.NotContains, "\"security\"", true)]
    [InlineData("title", ConditionOperator.Contains, "\"login\"", true)]
    [InlineData("storyPoints", ConditionOperator.GreaterThan, "2", true)]
    [InlineData("storyPoints", ConditionOperator.LessThan, "3", false)]
    [InlineData("dueDate", ConditionOperator.LessThan, "\"2026-12-11\"", true)]
    [InlineData("blocked", ConditionOperator.Equals, "false", true)]
    [InlineData("storyPoints", ConditionOperator.GreaterThan, "\"2\"", false)]
    public void A_condition_compares_a_field_of_the_task(string field, ConditionOperator op, string value, bool holds)
    {
        var condition = new RuleCondition(field, op, JsonDocument.Parse(value).RootElement.Clone());

        Assert.Equal(holds, RuleConditions.FirstFailing([condition], Task) is null);
    }

    [Fact]
    public void Absent_and_empty_fields_are_empty()
    {
        RuleCondition[] conditions = [new("assignee", ConditionOperator.IsEmpty), new("labels", ConditionOperator.IsNotEmpty)];

        Assert.Null(RuleConditions.FirstFailing(conditions, Task));
    }

    [Fact]
    public void The_first_condition_that_does_not_hold_is_named()
    {
        RuleCondition[] conditions = [new("labels", ConditionOperator.Contains, JsonDocument.Parse("\"bug\"").RootElement), new("stateCategory", ConditionOperator.Equals, JsonDocument.Parse("\"done\"").RootElement)];

        Assert.Contains("stateCategory", RuleConditions.FirstFailing(conditions, Task), StringComparison.Ordinal);
    }
}
