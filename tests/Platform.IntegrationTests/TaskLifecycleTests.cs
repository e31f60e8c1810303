using System.Net;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>Tasks through their life: fields, workflow states, updates with ETags, history, deletion.</summary>
public sealed class TaskLifecycleTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_task_carries_its_fields_and_starts_in_the_first_todo_state()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("FLD");
        var assignee = Guid.NewGuid();

        var task = await api.CreateTaskAsync("FLD", new
        {
            title = "  Design the API  ", description = "# Goals", assignee, priority = "high", labels = new[] { "api", "API", " design " },
            storyPoints = 3, startDate = "2026-12-01", dueDate = "2026-12-04",
        });

        Assert.Equal("Design the API", task.GetProperty("title").GetString());
        Assert.Equal("Todo", task.GetProperty("state").GetString());
        Assert.Equal("todo", task.GetProperty("stateCategory").GetString());
        Assert.Equal(assignee, task.GetProperty("assignee").GetGuid());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        Assert.Equal(["api", "design"], task.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal("2026-12-04", task.GetProperty("dueDate").GetString());
        Assert.False(task.GetProperty("blocked").GetBoolean());
    }

    [Fact]
    public async Task Bad_fields_are_refused_by_name_and_nothing_is_written()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("BAD");

        using var dates = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = "t", startDate = "2026-12-04", dueDate = "2026-12-01" });
        using var negative = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = "t", optimisticDays = -1, mostLikelyDays = 1, pessimisticDays = 2 });
        using var state = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = "t", state = "Limbo" });
        using var priority = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = "t", priority = "whenever" });
        using var longTitle = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = new string('x', 501) });
        using var parent = await api.SendAsync(HttpMethod.Post, "/projects/BAD/tasks", new { title = "t", parent = "BAD-99" });
        using var list = await api.SendAsync(HttpMethod.Get, "/projects/BAD/tasks");

        Assert.Equal(HttpStatusCode.BadRequest, dates.StatusCode);
        Assert.True((await dates.JsonAsync()).GetProperty("errors").TryGetProperty("dueDate", out _));
        Assert.True((await negative.JsonAsync()).GetProperty("errors").TryGetProperty("estimate", out _));
        var stateErrors = (await state.JsonAsync()).GetProperty("errors").GetProperty("state")[0].GetString();
        Assert.Contains("In Progress", stateErrors, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, priority.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longTitle.StatusCode);
        Assert.True((await parent.JsonAsync()).GetProperty("errors").TryGetProperty("parent", out _));
        Assert.Empty((await list.JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_400_and_changes_nothing()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("IFM");
        await api.CreateTaskAsync("IFM", new { title = "Before" });

        using var patched = await api.SendAsync(HttpMethod.Patch, "/tasks/IFM-1", new { title = "After" }, ("If-Match", "garbage"));
        using var deleted = await api.SendAsync(HttpMethod.Delete, "/tasks/IFM-1", headers: ("If-Match", "W/"));
        using var current = await api.SendAsync(HttpMethod.Get, "/tasks/IFM-1");

        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Contains("If-Match", (await patched.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deleted.StatusCode);
        Assert.Equal("Before", (await current.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_patch_changes_only_the_fields_it_names_and_moves_the_etag()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("PAT");
        await api.CreateTaskAsync("PAT", new { title = "Before", labels = new[] { "keep" }, priority = "low" });
        using var read = await api.SendAsync(HttpMethod.Get, "/tasks/PAT-1");
        var etag = read.Headers.ETag!.Tag;

        using var patched = await api.SendAsync(HttpMethod.Patch, "/tasks/PAT-1", new { title = "After", state = "in progress", priority = (string?)null },
            ("If-Match", etag));
        var task = await patched.JsonAsync();
        using var stale = await api.SendAsync(HttpMethod.Patch, "/tasks/PAT-1", new { title = "Lost update" }, ("If-Match", etag));
        using var notModified = await api.SendAsync(HttpMethod.Get, "/tasks/PAT-1", headers: ("If-None-Match", patched.Headers.ETag!.Tag));
        using var readOnly = await api.SendAsync(HttpMethod.Patch, "/tasks/PAT-1", new { key = "PAT-9" });
        using var current = await api.SendAsync(HttpMethod.Get, "/tasks/PAT-1");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);
        Assert.Equal("After", task.GetProperty("title").GetString());
        Assert.Equal("In Progress", task.GetProperty("state").GetString());
        Assert.Equal("inProgress", task.GetProperty("stateCategory").GetString());
        Assert.Equal("none", task.GetProperty("priority").GetString());
        Assert.Equal(["keep"], task.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, readOnly.StatusCode);
        Assert.Equal("After", (await current.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_history_records_every_change_and_shows_the_task_as_it_was()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("HIS");
        var created = await api.CreateTaskAsync("HIS", new { title = "First title" });
        var taskId = created.GetProperty("id").GetGuid();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50, TestContext.Current.CancellationToken);
        (await api.SendAsync(HttpMethod.Patch, "/tasks/HIS-1", new { title = "Second title", state = "Done" })).Dispose();
        (await api.SendAsync(HttpMethod.Patch, "/tasks/HIS-1", new { title = "Second title" })).Dispose(); // changes nothing

        using var history = await api.SendAsync(HttpMethod.Get, "/tasks/HIS-1/history");
        using var past = await api.SendAsync(HttpMethod.Get, $"/tasks/HIS-1?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        using var beforeCreation = await api.SendAsync(HttpMethod.Get, $"/tasks/HIS-1?asOf={Uri.EscapeDataString(between.AddDays(-1).ToString("O"))}");

        var entries = (await history.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("First title", entries[0].GetProperty("changes").GetProperty("title").GetProperty("new").GetString());
        var change = entries[1].GetProperty("changes");
        Assert.Equal("First title", change.GetProperty("title").GetProperty("old").GetString());
        Assert.Equal("Second title", change.GetProperty("title").GetProperty("new").GetString());
        Assert.Equal("Todo", change.GetProperty("state").GetProperty("old").GetString());
        var then = await past.JsonAsync();
        Assert.Equal("First title", then.GetProperty("title").GetString());
        Assert.Equal("Todo", then.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, beforeCreation.StatusCode);
        // The creator starts watching it, announced after the task.
        Assert.Equal(["platform.task.created", "platform.task.watcher-added", "platform.task.updated", "platform.task.state-changed"], await api.EventTypesAsync(taskId));
    }

    [Fact]
    public async Task Subtasks_nest_at_any_depth_but_never_in_a_cycle()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("SUB");
        await api.CreateTaskAsync("SUB", new { title = "Epic" });
        await api.CreateTaskAsync("SUB", new { title = "Story", parent = "SUB-1" });
        await api.CreateTaskAsync("SUB", new { title = "Step", parent = "sub-2" });

        using var self = await api.SendAsync(HttpMethod.Patch, "/tasks/SUB-1", new { parent = "SUB-1" });
        using var cycle = await api.SendAsync(HttpMethod.Patch, "/tasks/SUB-1", new { parent = "SUB-3" });
        using var children = await api.SendAsync(HttpMethod.Get, "/projects/SUB/tasks?parent=SUB-2");

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cycle.StatusCode);
        Assert.Equal(["SUB-1", "SUB-3", "SUB-2", "SUB-1"], (await cycle.JsonAsync()).GetProperty("cycle").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal(["SUB-3"], (await children.JsonAsync()).Keys());
    }

    [Fact]
    public async Task A_deleted_task_is_gone_and_announced_but_its_number_is_not_reused()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("DEL");
        var doomed = await api.CreateTaskAsync("DEL", new { title = "Doomed" });
        await api.CreateTaskAsync("DEL", new { title = "Waits", parent = "DEL-1" });
        (await api.SendAsync(HttpMethod.Post, "/tasks/DEL-2/dependencies", new { predecessor = "DEL-1" })).Dispose();

        using var stale = await api.SendAsync(HttpMethod.Delete, "/tasks/DEL-1", headers: ("If-Match", "\"1\""));
        using var deleted = await api.SendAsync(HttpMethod.Delete, "/tasks/DEL-1");
        using var gone = await api.SendAsync(HttpMethod.Get, "/tasks/DEL-1");
        using var orphan = await api.SendAsync(HttpMethod.Get, "/tasks/DEL-2");
        var next = await api.CreateTaskAsync("DEL", new { title = "Next" });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var waits = await orphan.JsonAsync();
        Assert.False(waits.TryGetProperty("parent", out _));
        Assert.False(waits.GetProperty("blocked").GetBoolean());
        Assert.Equal("DEL-3", next.GetProperty("key").GetString());
        Assert.Equal("platform.task.deleted", (await api.EventTypesAsync(doomed.GetProperty("id").GetGuid()))[^1]);
    }

    [Fact]
    public async Task Another_organization_cannot_change_delete_or_comment_on_a_task()
    {
        var owner = await ProjectsClient.SignUpAsync(platform);
        var stranger = await ProjectsClient.SignUpAsync(platform);
        await owner.CreateProjectAsync("MINE");
        await owner.CreateTaskAsync("MINE", new { title = "Private" });

        using var patch = await stranger.SendAsync(HttpMethod.Patch, "/tasks/MINE-1", new { title = "Hijacked" });
        using var delete = await stranger.SendAsync(HttpMethod.Delete, "/tasks/MINE-1");
        using var comment = await stranger.SendAsync(HttpMethod.Post, "/tasks/MINE-1/comments", new { body = "hi" });
        using var history = await stranger.SendAsync(HttpMethod.Get, "/tasks/MINE-1/history");
        using var workflow = await stranger.SendAsync(HttpMethod.Get, "/projects/MINE/workflow");
        using var bulk = await stranger.SendAsync(HttpMethod.Post, "/tasks/bulk-update", new { keys = new[] { "MINE-1" }, changes = new { title = "x" } });
        using var still = await owner.SendAsync(HttpMethod.Get, "/tasks/MINE-1");

        Assert.All([patch, delete, comment, history, workflow, bulk], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("Private", (await still.JsonAsync()).GetProperty("title").GetString());
    }
}
