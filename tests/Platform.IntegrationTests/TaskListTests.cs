using System.Net;

namespace Platform.IntegrationTests;

/// <summary>Filtering and sorting a project's tasks, page by page.</summary>
public sealed class TaskListTests(PlatformFixture platform)
{
    [Fact]
    public async Task Tasks_are_filtered_by_state_assignee_label_due_date_and_blocked()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("FLT");
        var someone = Guid.NewGuid();
        await api.CreateTaskAsync("FLT", new { title = "Foundation", state = "In Progress", labels = new[] { "infra" }, dueDate = "2026-12-01" });
        await api.CreateTaskAsync("FLT", new { title = "Walls", assignee = someone, labels = new[] { "infra", "build" }, dueDate = "2026-12-20" });
        await api.CreateTaskAsync("FLT", new { title = "Roof", state = "Done" });
        (await api.SendAsync(HttpMethod.Post, "/tasks/FLT-2/dependencies", new { predecessor = "FLT-1" })).Dispose();
        (await api.SendAsync(HttpMethod.Post, "/tasks/FLT-1/dependencies", new { predecessor = "FLT-3" })).Dispose();

        async Task<string[]> Keys(string filter)
        {
            using var response = await api.SendAsync(HttpMethod.Get, "/projects/FLT/tasks?" + filter);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).Keys();
        }

        Assert.Equal(["FLT-1"], await Keys("state=in%20progress"));
        Assert.Equal(["FLT-3"], await Keys("category=done"));
        Assert.Equal(["FLT-2"], await Keys($"assignee={someone}"));
        Assert.Equal(["FLT-1", "FLT-3"], await Keys("assignee=none"));
        Assert.Equal(["FLT-1", "FLT-2"], await Keys("label=infra"));
        Assert.Equal(["FLT-1"], await Keys("dueBefore=2026-12-10"));
        Assert.Equal(["FLT-2"], await Keys("blocked=true"));
        Assert.Equal(["FLT-1", "FLT-3"], await Keys("blocked=false"));
        Assert.Equal(["FLT-2"], await Keys("label=infra&blocked=true&q=wall"));
        using var unknownState = await api.SendAsync(HttpMethod.Get, "/projects/FLT/tasks?state=Limbo");
        using var badAssignee = await api.SendAsync(HttpMethod.Get, "/projects/FLT/tasks?assignee=nobody");
        using var badSort = await api.SendAsync(HttpMethod.Get, "/projects/FLT/tasks?sort=colour");
        using var doubleDash = await api.SendAsync(HttpMethod.Get, "/projects/FLT/tasks?sort=--key");
        Assert.All([unknownState, badAssignee, badSort, doubleDash], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task Sorted_pages_follow_each_other_without_gaps_or_repeats()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("SRT");
        foreach (var (title, priority, due) in new[]
        {
            ("a", "low", "2026-12-03"), ("b", "urgent", (string?)null), ("c", "none", "2026-12-01"), ("d", "urgent", "2026-12-02"), ("e", "medium", "2026-12-01"),
        })
        {
            await api.CreateTaskAsync("SRT", new { title, priority, dueDate = due });
        }

        async Task<string[]> AllPages(string sort)
        {
            var keys = new List<string>();
            string? cursor = null;
            do
            {
                using var page = await api.SendAsync(HttpMethod.Get, $"/projects/SRT/tasks?limit=2&sort={sort}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
                var body = await page.JsonAsync();
                keys.AddRange(body.Keys());
                cursor = body.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            }
            while (cursor is not null);
            return [.. keys];
        }

        Assert.Equal(["SRT-2", "SRT-4", "SRT-5", "SRT-1", "SRT-3"], await AllPages("priority"));
        Assert.Equal(["SRT-3", "SRT-5", "SRT-4", "SRT-1", "SRT-2"], await AllPages("dueDate"));
        Assert.Equal(["SRT-2", "SRT-1", "SRT-4", "SRT-5", "SRT-3"], await AllPages("-dueDate"));
        Assert.Equal(["SRT-5", "SRT-4", "SRT-3", "SRT-2", "SRT-1"], await AllPages("-key"));
    }
}
