using System.Text.Json;
using Platform.Projects.Automation;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Tests;

public sealed class InputValidationTests
{
    [Fact]
    public void A_task_with_every_field_right_is_valid()
    {
        var input = new TaskInput("Title", Priority: TaskPriority.High, Labels: ["a", "A", " b "], OptimisticDays: 1, MostLikelyDays: 2, PessimisticDays: 4,
            StoryPoints: 3, StartDate: new DateOnly(2026, 12, 1), DueDate: new DateOnly(2026, 12, 1));

        Assert.Empty(input.Validate());
        Assert.Equal(["a", "b"], input.NormalizedLabels());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("estimate")]
    [InlineData("dueDate")]
    [InlineData("storyPoints")]
    [InlineData("priority")]
    [InlineData("labels")]
    public void Each_wrong_field_is_named(string field)
    {
        var input = field switch
        {
            "title" => new TaskInput("   "),
            "estimate" => new TaskInput("t", OptimisticDays: 3, MostLikelyDays: 2, PessimisticDays: 4),
            "dueDate" => new TaskInput("t", StartDate: new DateOnly(2026, 12, 2), DueDate: new DateOnly(2026, 12, 1)),
            "storyPoints" => new TaskInput("t", StoryPoints: -1),
            "priority" => new TaskInput("t", Priority: (TaskPriority)42),
            _ => new TaskInput("t", Labels: [new string('x', TaskInput.MaxLabelLength + 1)]),
        };

        Assert.Equal([field], input.Validate().Keys);
    }

    [Fact]
    public void A_rule_needs_a_name_a_known_trigger_and_actions_with_their_values()
    {
        var valid = new RuleInput("Triage", null, new RuleTrigger(TriggerType.FieldChanged, Field: "priority"), [],
            [new RuleAction(ActionType.AddLabel, Value: JsonDocument.Parse("\"triage\"").RootElement)]);
        var noValue = valid with { Actions = [new RuleAction(ActionType.Transition)] };
        var unknownField = valid with { Trigger = new RuleTrigger(TriggerType.FieldChanged, Field: "colour") };
        var noDays = valid with { Trigger = new RuleTrigger(TriggerType.DueDateApproaching) };
        var badAssignee = valid with { Actions = [new RuleAction(ActionType.Assign, Value: JsonDocument.Parse("\"bob\"").RootElement)] };

        Assert.Empty(valid.Validate());
        Assert.Equal(["actions"], noValue.Validate().Keys);
        Assert.Equal(["trigger"], unknownField.Validate().Keys);
        Assert.Equal(["trigger"], noDays.Validate().Keys);
        Assert.Equal(["actions"], badAssignee.Validate().Keys);
    }
}
