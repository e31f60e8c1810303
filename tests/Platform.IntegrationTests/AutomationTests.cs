using System.Net;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>Workflow automation: rules run from the event stream after the change, log every run, stop loops, and fail alone.</summary>
public sealed class AutomationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_rule_triages_new_bugs_with_all_its_actions_and_skips_other_tasks()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("AUTO");
        var triager = Guid.NewGuid();
        using var created = await api.SendAsync(HttpMethod.Post, "/projects/AUTO/rules", new
        {
            name = "Triage bugs",
            trigger = new { type = "taskCreated" },
            conditions = new object[] { new { field = "labels", @operator = "contains", value = "BUG" } },
            actions = new object[]
            {
                new { type = "assign", value = triager.ToString() },
                new { type = "addLabel", value = "triage" },
                new { type = "setField", field = "priority", value = "high" },
                new { type = "addComment", value = "Triaged **automatically**." },
                new { type = "createSubtask", value = "Reproduce" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ruleId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        await api.CreateTaskAsync("AUTO", new { title = "Crash on save", labels = new[] { "bug" } });
        await api.CreateTaskAsync("AUTO", new { title = "Nice to have" });
        var runs = await api.WaitForAsync($"/projects/AUTO/rules/{ruleId}/runs", r => r.GetArrayLength() >= 3);

        var task = await api.ReadDirectAsync("/tasks/AUTO-1");
        Assert.Equal(triager, task.GetProperty("assignee").GetGuid());
        Assert.Equal(["bug", "triage"], task.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal("high", task.GetProperty("priority").GetString());
        var comment = (await api.ReadDirectAsync("/tasks/AUTO-1/comments")).GetProperty("items")[0];
        Assert.Equal($"rule:{ruleId}", comment.GetProperty("author").GetString());
        var subtasks = await api.ReadDirectAsync("/projects/AUTO/tasks?parent=AUTO-1");
        Assert.Equal("Reproduce", subtasks.GetProperty("items")[0].GetProperty("title").GetString());
        // The bug succeeded; the plain task and the rule's own subtask (no bug label) were skipped.
        var outcomes = runs.EnumerateArray().Select(r => (r.GetProperty("task").GetString(), r.GetProperty("outcome").GetString())).ToList();
        Assert.Contains(("AUTO-1", "succeeded"), outcomes);
        Assert.Contains(("AUTO-2", "skipped"), outcomes);
        Assert.Contains(("AUTO-3", "skipped"), outcomes);
    }

    [Fact]
    public async Task Two_rules_that_trigger_each_other_stop_at_the_depth_limit()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("LOOP");
        using var forth = await api.SendAsync(HttpMethod.Post, "/projects/LOOP/rules", new
        {
            name = "Forth", trigger = new { type = "stateChanged", state = "In Progress" }, actions = new object[] { new { type = "transition", value = "In Review" } },
        });
        using var back = await api.SendAsync(HttpMethod.Post, "/projects/LOOP/rules", new
        {
            name = "Back", trigger = new { type = "stateChanged", state = "in review" }, actions = new object[] { new { type = "transition", value = "In Progress" } },
        });
        var backId = (await back.JsonAsync()).GetProperty("id").GetGuid();
        await api.CreateTaskAsync("LOOP", new { title = "Ping-pong" });

        using var moved = await api.SendAsync(HttpMethod.Patch, "/tasks/LOOP-1", new { state = "In Progress" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var runs = await api.WaitForAsync($"/projects/LOOP/rules/{backId}/runs",
            r => r.EnumerateArray().Any(run => run.GetProperty("outcome").GetString() == "loopStopped"));

        var stopped = runs.EnumerateArray().Single(run => run.GetProperty("outcome").GetString() == "loopStopped");
        Assert.Equal(5, stopped.GetProperty("depth").GetInt32());
        var history = await api.ReadDirectAsync("/tasks/LOOP-1/history");
        Assert.Equal(7, history.GetArrayLength()); // created, the person's move, five moves by rules
        Assert.Equal("In Review", (await api.ReadDirectAsync("/tasks/LOOP-1")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_failing_rule_is_logged_and_never_undoes_the_change_that_triggered_it()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("FAIL");
        using var rule = await api.SendAsync(HttpMethod.Post, "/projects/FAIL/rules", new
        {
            name = "Broken",
            trigger = new { type = "fieldChanged", field = "title" },
            actions = new object[] { new { type = "addLabel", value = "renamed" }, new { type = "setField", field = "storyPoints", value = -5 } },
        });
        var ruleId = (await rule.JsonAsync()).GetProperty("id").GetGuid();
        await api.CreateTaskAsync("FAIL", new { title = "Old name" });

        using var renamed = await api.SendAsync(HttpMethod.Patch, "/tasks/FAIL-1", new { title = "New name" });
        var runs = await api.WaitForAsync($"/projects/FAIL/rules/{ruleId}/runs", r => r.GetArrayLength() > 0);

        var run = runs[0];
        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("storyPoints", run.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var task = await api.ReadDirectAsync("/tasks/FAIL-1");
        Assert.Equal("New name", task.GetProperty("title").GetString());
        Assert.Empty(task.GetProperty("labels").EnumerateArray()); // the rule's first action went with the rest
    }

    [Fact]
    public async Task A_task_moves_on_when_its_last_predecessor_is_done()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("NEXT");
        using var rule = await api.SendAsync(HttpMethod.Post, "/projects/NEXT/rules", new
        {
            name = "Unblock", trigger = new { type = "predecessorsDone" },
            conditions = new object[] { new { field = "stateCategory", @operator = "equals", value = "backlog" } },
            actions = new object[] { new { type = "transition", value = "Todo" }, new { type = "notify", value = "Ready to start" } },
        });
        var ruleId = (await rule.JsonAsync()).GetProperty("id").GetGuid();
        await api.CreateTaskAsync("NEXT", new { title = "First" });
        await api.CreateTaskAsync("NEXT", new { title = "Second" });
        await api.CreateTaskAsync("NEXT", new { title = "Waits for both", state = "Backlog" });
        (await api.SendAsync(HttpMethod.Post, "/tasks/NEXT-3/dependencies", new { predecessor = "NEXT-1" })).Dispose();
        (await api.SendAsync(HttpMethod.Post, "/tasks/NEXT-3/dependencies", new { predecessor = "NEXT-2" })).Dispose();

        (await api.SendAsync(HttpMethod.Patch, "/tasks/NEXT-1", new { state = "Done" })).Dispose();
        (await api.SendAsync(HttpMethod.Patch, "/tasks/NEXT-2", new { state = "Cancelled" })).Dispose();
        var runs = await api.WaitForAsync($"/projects/NEXT/rules/{ruleId}/runs", r => r.GetArrayLength() > 0);

        Assert.Equal("succeeded", Assert.Single(runs.EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal("Todo", (await api.ReadDirectAsync("/tasks/NEXT-3")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_due_date_rule_acts_once_on_tasks_due_within_its_days()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("DUE");
        using var rule = await api.SendAsync(HttpMethod.Post, "/projects/DUE/rules", new
        {
            name = "Due soon", trigger = new { type = "dueDateApproaching", days = 2 },
            actions = new object[] { new { type = "addLabel", value = "due-soon" } },
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.JsonAsync()).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await api.CreateTaskAsync("DUE", new { title = "Tomorrow", dueDate = today.AddDays(1) });
        await api.CreateTaskAsync("DUE", new { title = "Next month", dueDate = today.AddDays(30) });
        await api.CreateTaskAsync("DUE", new { title = "Done already", dueDate = today, state = "Done" });

        await api.WaitForAsync($"/projects/DUE/rules/{ruleId}/runs", r => r.GetArrayLength() > 0);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // a few more scans
        var runs = await api.ReadDirectAsync($"/projects/DUE/rules/{ruleId}/runs");

        var run = Assert.Single(runs.EnumerateArray());
        Assert.Equal("DUE-1", run.GetProperty("task").GetString());
        Assert.Equal(["due-soon"], (await api.ReadDirectAsync("/tasks/DUE-1")).GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        Assert.Empty((await api.ReadDirectAsync("/tasks/DUE-2")).GetProperty("labels").EnumerateArray());
    }

    [Fact]
    public async Task A_malformed_rule_is_refused_by_field()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("BADR");

        using var noActions = await api.SendAsync(HttpMethod.Post, "/projects/BADR/rules", new { name = "Nothing", trigger = new { type = "taskCreated" } });
        using var badField = await api.SendAsync(HttpMethod.Post, "/projects/BADR/rules", new
        {
            name = "Typo", trigger = new { type = "fieldChanged", field = "colour" }, actions = new object[] { new { type = "addLabel", value = "x" } },
        });
        using var badType = await api.SendAsync(HttpMethod.Post, "/projects/BADR/rules", new
        {
            name = "Unknown", trigger = new { type = "sometimes" }, actions = new object[] { new { type = "addLabel", value = "x" } },
        });

        Assert.True((await noActions.JsonAsync()).GetProperty("errors").TryGetProperty("actions", out _));
        Assert.True((await badField.JsonAsync()).GetProperty("errors").TryGetProperty("trigger", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
    }
}
