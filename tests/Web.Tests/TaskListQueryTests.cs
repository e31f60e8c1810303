using Platform.Web.Components.Board;

namespace Platform.Web.Tests;

public sealed class TaskListQueryTests
{
    [Fact]
    public void Only_the_filters_set_are_sent_escaped()
    {
        var query = new TaskListQuery { Text = " login page ", Label = "ux&a11y", Assignee = "me", OnlyBlocked = true };

        Assert.Equal("?limit=50&sort=key&q=login%20page&label=ux%26a11y&assignee=me&blocked=true", query.ToQueryString());
        Assert.EndsWith("&cursor=abc%3D", query.ToQueryString("abc="), StringComparison.Ordinal);
    }

    [Fact]
    public void Sorting_by_the_same_column_again_turns_the_order_round()
    {
        var query = new TaskListQuery();

        query.SortBy("priority");
        Assert.Contains("sort=priority", query.ToQueryString(), StringComparison.Ordinal);
        query.SortBy("priority");
        Assert.Contains("sort=-priority", query.ToQueryString(), StringComparison.Ordinal);
        query.SortBy("dueDate");
        Assert.Contains("sort=dueDate", query.ToQueryString(), StringComparison.Ordinal);
    }
}
