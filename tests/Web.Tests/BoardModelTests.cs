using Platform.Web.Api;
using Platform.Web.Components.Board;

namespace Platform.Web.Tests;

public sealed class BoardModelTests
{
    private static readonly StateView[] States = [new("Todo", "todo", 0), new("In Progress", "inProgress", 0), new("Done", "done", 0)];
    private static readonly Guid Ada = Guid.NewGuid(), Grace = Guid.NewGuid();

    [Fact]
    public void A_move_shows_at_once_and_a_refused_one_is_put_back()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo"), Task("P-2", "Todo")]);

        var move = board.Move("P-1", new BoardCell("", "In Progress"));

        Assert.Equal("Todo", move!.Before.State);
        Assert.Equal(new Dictionary<string, object?> { ["state"] = "In Progress" }, move.Changes);
        Assert.Equal(["P-1"], board.In("In Progress").Select(t => t.Key));
        board.Put(move.Before);
        Assert.Equal(["P-1", "P-2"], board.In("Todo").Select(t => t.Key));
    }

    [Fact]
    public void A_move_to_the_same_column_or_to_no_column_does_nothing()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo")]);

        Assert.Null(board.Move("P-1", new BoardCell("", "Todo")));
        Assert.Null(board.Move("P-1", new BoardCell("", "Archived")));
        Assert.Null(board.Move("P-9", new BoardCell("", "Done")));
        Assert.Equal("Todo", board.Tasks.Single().State);
    }

    [Fact]
    public void A_change_from_elsewhere_adds_replaces_or_removes_the_card()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo")]);

        board.Put(Task("P-2", "Todo"));
        board.Put(Task("P-1", "Done"));
        Assert.Equal(["P-2"], board.In("Todo").Select(t => t.Key));
        Assert.Equal(["P-1"], board.In("Done").Select(t => t.Key));

        board.Remove("P-2");
        Assert.Empty(board.In("Todo"));
    }

    [Fact]
    public void Every_filter_that_is_set_must_match()
    {
        var board = new BoardModel(States,
        [
            Task("P-1", "Todo", priority: "high", labels: ["api"], assignee: Ada),
            Task("P-2", "Todo", priority: "high", labels: ["ui"], assignee: Grace),
            Task("P-3", "Todo", priority: "low", labels: ["API"]) with { Title = "Write the release notes" },
        ]) { Me = Ada };

        Assert.Equal(["P-1", "P-2", "P-3"], Keys(board, BoardFilter.None));
        Assert.Equal(["P-1"], Keys(board, BoardFilter.From("me", null, null, null)));
        Assert.Equal(["P-2"], Keys(board, BoardFilter.From(Grace.ToString(), "", "", " ")));
        Assert.Equal(["P-3"], Keys(board, BoardFilter.From("none", null, null, null)));
        Assert.Equal(["P-1", "P-3"], Keys(board, BoardFilter.From(null, "api", null, null)));
        Assert.Equal(["P-1"], Keys(board, BoardFilter.From(null, "api", "high", null)));
        Assert.Equal(["P-3"], Keys(board, BoardFilter.From(null, null, null, "RELEASE")));
        Assert.Equal(["P-2"], Keys(board, BoardFilter.From(null, null, null, "p-2")));
        Assert.Empty(Keys(board, BoardFilter.From("not-a-person", null, null, null)));
    }

    [Fact]
    public void Swimlanes_by_assignee_list_the_people_by_name_then_the_unassigned()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo", assignee: Grace), Task("P-2", "Done", assignee: Ada), Task("P-3", "Todo")])
        {
            Swimlanes = Swimlanes.Assignee,
        };
        var names = new Dictionary<string, string> { [Ada.ToString()] = "Ada", [Grace.ToString()] = "Grace" };

        Assert.Equal(["Ada", "Grace", "Unassigned"], board.Lanes(key => names[key]).Select(lane => lane.Title));
        Assert.True(board.IsIn(board.Tasks[0], new BoardCell(Grace.ToString(), "Todo")));
        Assert.True(board.IsIn(board.Tasks[2], new BoardCell("", "Todo")));

        board.Filter = BoardFilter.From(null, null, null, "P-3");
        Assert.Equal(["Unassigned"], board.Lanes(key => names[key]).Select(lane => lane.Title));
    }

    [Fact]
    public void Moving_a_card_to_another_swimlane_changes_what_the_lanes_group_by()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo", assignee: Ada), Task("P-2", "Todo", parent: "P-9")]) { Swimlanes = Swimlanes.Assignee };

        var reassigned = board.Move("P-1", new BoardCell(Grace.ToString(), "Done"));
        var unassigned = board.Move("P-2", new BoardCell("", "Todo"));
        board.Swimlanes = Swimlanes.Parent;
        var reparented = board.Move("P-1", new BoardCell("", "Done"));
        var adopted = board.Move("P-1", new BoardCell("P-2", "Done"));

        Assert.Equal(new Dictionary<string, object?> { ["state"] = "Done", ["assignee"] = Grace }, reassigned!.Changes);
        Assert.Null(unassigned);
        Assert.Null(reparented);
        Assert.Equal(new Dictionary<string, object?> { ["parent"] = "P-2" }, adopted!.Changes);
        Assert.Equal(Grace, board.Tasks[0].Assignee);
        Assert.Equal("P-2", board.Tasks[0].Parent);
    }

    [Fact]
    public void A_live_read_does_not_undo_the_boards_own_change_nor_a_newer_answer()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo")]);
        var moved = board.Move("P-1", new BoardCell("", "In Progress"))!;

        // While the move is on its way, a read of the task as it was before it is left out.
        board.Changing("P-1");
        Assert.False(board.PutRead(moved.Before));
        Assert.Equal(["P-1"], board.In("In Progress").Select(t => t.Key));
        board.Changed("P-1");
        var answer = Task("P-1", "In Progress") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(2) };
        board.Put(answer);

        // A read made before that answer but arriving after it is older: left out; a newer one is taken.
        Assert.False(board.PutRead(Task("P-1", "Todo") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) }));
        Assert.Equal(["P-1"], board.In("In Progress").Select(t => t.Key));
        Assert.True(board.PutRead(Task("P-1", "Done") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(3) }));
        Assert.Equal(["P-1"], board.In("Done").Select(t => t.Key));
    }

    [Fact]
    public void The_answer_to_a_move_does_not_put_the_card_back_under_a_later_move_still_on_its_way()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo")]);
        var first = board.Move("P-1", new BoardCell("", "In Progress"))!;
        board.Changing("P-1");
        var second = board.Move("P-1", new BoardCell("", "Done"))!;
        board.Changing("P-1");

        // The first answer arrives while the second move waits for it.
        board.Changed("P-1");
        board.PutAnswer(first.Before with { State = "In Progress", UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) });
        Assert.Equal(["P-1"], board.In("Done").Select(t => t.Key));

        board.Changed("P-1");
        board.PutAnswer(second.Before with { State = "Done", UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(2) });
        Assert.Equal(["P-1"], board.In("Done").Select(t => t.Key));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(2), board.Tasks.Single().UpdatedAt);
    }

    private static string[] Keys(BoardModel board, BoardFilter filter)
    {
        board.Filter = filter;
        return [.. board.Visible.Select(task => task.Key)];
    }

    internal static TaskView Task(
        string key, string state, bool blocked = false, string priority = "none", string[]? labels = null, Guid? assignee = null, string? parent = null) =>
        new(Guid.NewGuid(), key, key.Split('-')[0], $"Task {key}", null, state, "todo", assignee, priority, labels ?? [], parent, null, blocked, DateTimeOffset.UnixEpoch);
}
