using Platform.Web.Api;
using Platform.Web.Components.Board;

namespace Platform.Web.Tests;

public sealed class BoardModelTests
{
    private static readonly StateView[] States = [new("Todo", "todo", 0), new("In Progress", "inProgress", 0), new("Done", "done", 0)];

    [Fact]
    public void A_move_shows_at_once_and_a_refused_one_is_put_back()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo"), Task("P-2", "Todo")]);

        var before = board.Move("P-1", "In Progress");

        Assert.Equal("Todo", before!.State);
        Assert.Equal(["P-1"], board.In("In Progress").Select(t => t.Key));
        board.Put(before);
        Assert.Equal(["P-1", "P-2"], board.In("Todo").Select(t => t.Key));
    }

    [Fact]
    public void A_move_to_the_same_column_or_to_no_column_does_nothing()
    {
        var board = new BoardModel(States, [Task("P-1", "Todo")]);

        Assert.Null(board.Move("P-1", "Todo"));
        Assert.Null(board.Move("P-1", "Archived"));
        Assert.Null(board.Move("P-9", "Done"));
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

    internal static TaskView Task(string key, string state, bool blocked = false, string priority = "none", string[]? labels = null) =>
        new(Guid.NewGuid(), key, key.Split('-')[0], $"Task {key}", null, state, "todo", null, priority, labels ?? [], null, null, blocked, DateTimeOffset.UnixEpoch);
}
