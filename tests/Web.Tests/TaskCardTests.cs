using Bunit;
using Platform.Web.Components.Board;

namespace Platform.Web.Tests;

public sealed class TaskCardTests : BunitContext
{
    [Fact]
    public void A_card_shows_key_title_priority_labels_and_the_blocked_badge()
    {
        var card = Render<TaskCard>(parameters => parameters.Add(c => c.Task,
            BoardModelTests.Task("P-7", "Todo", blocked: true, priority: "high", labels: ["backend", "ux"])));

        Assert.Equal("P-7", card.Find(".key").TextContent);
        Assert.Equal("Task P-7", card.Find(".title").TextContent);
        Assert.Equal("high", card.Find(".priority").TextContent);
        Assert.Equal(["backend", "ux"], card.FindAll(".label").Select(label => label.TextContent));
        Assert.NotNull(card.Find(".badge.blocked"));
        Assert.Contains("blocked", card.Find("article").ClassList);
    }

    [Fact]
    public void A_card_without_priority_or_blockers_shows_neither()
    {
        var card = Render<TaskCard>(parameters => parameters.Add(c => c.Task, BoardModelTests.Task("P-8", "Todo")));

        Assert.Empty(card.FindAll(".priority"));
        Assert.Empty(card.FindAll(".badge"));
    }
}
