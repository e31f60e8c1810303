using System.Text.Json;
using Platform.Web.Api;
using Platform.Web.Components.ProjectSettings;

namespace Platform.Web.Tests;

public sealed class WorkflowDraftTests
{
    private static readonly StateView[] Saved = [new("Todo", "todo", 3), new("Review", "inProgress", 2), new("Done", "done", 5), new("Icebox", "backlog", 0)];

    [Fact]
    public void A_rename_is_sent_as_the_new_name_and_a_move_of_the_old_states_tasks()
    {
        var draft = new WorkflowDraft(Saved);

        draft.Rows[1].Name = " In review ";

        Assert.Equal("""{"states":[{"name":"Todo","category":"todo"},{"name":"In review","category":"inProgress"},{"name":"Done","category":"done"},{"name":"Icebox","category":"backlog"}],"moves":{"Review":"In review"}}""",
            JsonSerializer.Serialize(draft.ToRequest()));
        Assert.Empty(draft.Removed);
    }

    [Fact]
    public void A_removed_state_with_tasks_waits_for_where_they_go_and_an_empty_one_does_not()
    {
        var draft = new WorkflowDraft(Saved);

        draft.Remove(draft.Rows[1]);
        draft.Remove(draft.Rows.Single(r => r.Name == "Icebox"));

        Assert.Equal(["Review", "Icebox"], draft.Removed.Select(s => s.Name));
        Assert.Equal(["Review"], draft.Unanswered.Select(s => s.Name));
        draft.MoveTargets["Review"] = "Gone";
        Assert.Equal(["Review"], draft.Unanswered.Select(s => s.Name)); // not a state of the new workflow
        draft.MoveTargets["Review"] = "Done";
        Assert.Empty(draft.Unanswered);
        Assert.Contains("\"moves\":{\"Review\":\"Done\"}", JsonSerializer.Serialize(draft.ToRequest()));
    }

    [Fact]
    public void States_are_added_at_the_end_and_moved_within_bounds()
    {
        var draft = new WorkflowDraft(Saved);

        draft.Add();
        draft.Rows[^1].Name = "Blocked";
        draft.Move(draft.Rows[^1], -2);
        draft.Move(draft.Rows[0], -1);

        Assert.Equal(["Todo", "Review", "Blocked", "Done", "Icebox"], draft.Rows.Select(r => r.Name));
        Assert.Null(draft.Rows[2].Original);
    }

    [Theory]
    [InlineData("2027-01-01\n\n2026-12-25, 2027-01-01", new[] { "2026-12-25", "2027-01-01" })]
    [InlineData("  ", new string[0])]
    [InlineData("2027-01-01\nnext friday", null)]
    public void Holidays_are_read_one_per_line_in_order_or_refused_whole(string text, string[]? expected)
    {
        Assert.Equal(expected, HolidayDates.Parse(text)?.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }
}
