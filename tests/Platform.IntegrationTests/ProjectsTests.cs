using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.IntegrationTests;

/// <summary>Projects and tasks through the gateway, as two organizations see them.</summary>
public sealed class ProjectsTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_task_gets_the_next_key_of_its_project_and_is_readable_by_that_key()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        using var project = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "plat", name = "Platform" });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);

        var keys = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var created = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/PLAT/tasks", token, new { title = $"Task {i}" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            keys.Add((await created.JsonAsync()).GetProperty("key").GetString()!);
        }

        Assert.Equal(["PLAT-1", "PLAT-2", "PLAT-3"], keys);
        using var read = await platform.SendAsync(HttpMethod.Get, "/api/projects/tasks/PLAT-2", token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Task 2", (await read.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_organizations_project_and_task_answer_404()
    {
        var a = await platform.NewOwnerAccessTokenAsync();
        var b = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", b, new { key = "SECRET", name = "B's project" })).Dispose();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/SECRET/tasks", b, new { title = "B's task" })).Dispose();

        using var project = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/SECRET", a);
        using var task = await platform.SendAsync(HttpMethod.Get, "/api/projects/tasks/SECRET-1", a);
        using var create = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/SECRET/tasks", a, new { title = "smuggled" });

        Assert.Equal(HttpStatusCode.NotFound, project.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_and_a_taken_key_409()
    {
        var token = await platform.NewOwnerAccessTokenAsync();

        using var invalid = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "1-bad", name = "" });
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "DUP", name = "First" })).Dispose();
        using var duplicate = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "dup", name = "Second" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Creating_a_task_publishes_task_created_through_the_outbox()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "EVT", name = "Events" })).Dispose();
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/EVT/tasks", token, new { title = "Announce me" });
        var taskId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        await using var database = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("projectsdb", TestContext.Current.CancellationToken))!);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        object? sentAt = null;
        while (sentAt is null or DBNull && DateTimeOffset.UtcNow < deadline)
        {
            await using var command = database.CreateCommand(
                $"SELECT sent_at FROM outbox_messages WHERE type = 'platform.task.created' AND subject = '{taskId}'");
            sentAt = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.IsType<DateTime>(sentAt);
    }

    [Fact]
    public async Task The_critical_path_of_a_hand_checked_project_is_served()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "CPM", name = "Scheduling" })).Dispose();
        foreach (var (title, days) in new[] { ("A", 3.0), ("B", 2.0), ("C", 4.0), ("D", 1.0) })
        {
            using var created = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/CPM/tasks", token,
                new { title, optimisticDays = days, mostLikelyDays = days, pessimisticDays = days });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A -> B -> D, A -> C -> D
        foreach (var (successor, predecessor) in new[] { ("CPM-2", "CPM-1"), ("CPM-3", "CPM-1"), ("CPM-4", "CPM-2"), ("CPM-4", "CPM-3") })
        {
            using var added = await platform.SendAsync(HttpMethod.Post, $"/api/projects/tasks/{successor}/dependencies", token, new { predecessor });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var response = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/CPM/critical-path", token);
        var schedule = await response.JsonAsync();

        Assert.Equal(8, schedule.GetProperty("durationDays").GetDouble());
        Assert.Equal(["CPM-1", "CPM-3", "CPM-4"], schedule.GetProperty("criticalPath").EnumerateArray().Select(k => k.GetString()!));
        var b = schedule.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "CPM-2");
        Assert.Equal(2, b.GetProperty("totalFloat").GetDouble());
        Assert.Equal(3, b.GetProperty("earlyStart").GetDouble());
    }

    [Fact]
    public async Task The_schedule_falls_on_working_days_of_each_projects_calendar_across_projects()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        // Friday 4 December; Tuesday the 8th is a holiday.
        await api.CreateProjectAsync("CAL", new { key = "CAL", name = "Calendar", startDate = "2026-12-04", holidays = new[] { "2026-12-08" } });
        await api.CreateProjectAsync("OPS", new { key = "OPS", name = "Operations", startDate = "2026-12-04" });
        await api.CreateTaskAsync("CAL", new { title = "A", optimisticDays = 3, mostLikelyDays = 3, pessimisticDays = 3 });
        await api.CreateTaskAsync("CAL", new { title = "B", optimisticDays = 2, mostLikelyDays = 2, pessimisticDays = 2 });
        await api.CreateTaskAsync("OPS", new { title = "C", optimisticDays = 1, mostLikelyDays = 1, pessimisticDays = 1 });
        (await api.SendAsync(HttpMethod.Post, "/tasks/CAL-2/dependencies", new { predecessor = "CAL-1" })).Dispose();
        (await api.SendAsync(HttpMethod.Post, "/tasks/OPS-1/dependencies", new { predecessor = "CAL-2" })).Dispose();

        using var one = await api.SendAsync(HttpMethod.Get, "/projects/CAL/critical-path");
        using var both = await api.SendAsync(HttpMethod.Get, "/critical-path?projects=CAL,ops");
        using var unknown = await api.SendAsync(HttpMethod.Get, "/critical-path?projects=CAL,NOPE");

        var calendar = await one.JsonAsync();
        Assert.Equal("2026-12-04", calendar.GetProperty("startDate").GetString());
        Assert.Equal("2026-12-11", calendar.GetProperty("finishDate").GetString());
        var a = calendar.GetProperty("tasks")[0];
        Assert.Equal("2026-12-09", a.GetProperty("earlyFinishDate").GetString()); // Fri 4, Mon 7, Wed 9
        Assert.Equal("2026-12-10", calendar.GetProperty("tasks")[1].GetProperty("earlyStartDate").GetString());
        var combined = await both.JsonAsync();
        Assert.Equal(["CAL-1", "CAL-2", "OPS-1"], combined.GetProperty("criticalPath").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal(6, combined.GetProperty("durationDays").GetDouble());
        Assert.Equal("2026-12-11", combined.GetProperty("finishDate").GetString()); // OPS has no holiday: day 5 is Friday the 11th
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // B's own start date holds it back to Monday the 14th, and the chain after it with it.
        using var moved = await api.SendAsync(HttpMethod.Patch, "/tasks/CAL-2", new { startDate = "2026-12-14" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var heldBack = await api.SendAsync(HttpMethod.Get, "/critical-path?projects=CAL,OPS");
        var later = await heldBack.JsonAsync();
        var b = later.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "CAL-2");
        Assert.Equal("2026-12-14", b.GetProperty("startNoEarlierThan").GetString());
        Assert.Equal("2026-12-14", b.GetProperty("earlyStartDate").GetString());
        // B runs Mon 14 and Tue 15 (working days 5 and 6 on CAL's calendar); OPS-1 starts at working day 7, which on
        // OPS's calendar (no holiday on the 8th) is Tuesday the 15th.
        Assert.Equal("2026-12-15", later.GetProperty("finishDate").GetString());
        Assert.Equal(["CAL-1:CAL-2:finish-to-start", "CAL-2:OPS-1:finish-to-start"],
            later.GetProperty("dependencies").EnumerateArray()
                .Select(d => $"{d.GetProperty("predecessor").GetString()}:{d.GetProperty("successor").GetString()}:{d.GetProperty("type").GetString()}").Order());
    }

    [Fact]
    public async Task Cached_project_reads_follow_renames_and_creations_at_once()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        using var missing = await api.SendAsync(HttpMethod.Get, "/projects/LATER");
        var created = await api.CreateProjectAsync("LATER");
        using var found = await api.SendAsync(HttpMethod.Get, "/projects/LATER");
        (await api.SendAsync(HttpMethod.Patch, "/projects/LATER", new { name = "Renamed" })).Dispose();
        using var renamed = await api.SendAsync(HttpMethod.Get, "/projects/LATER");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("Renamed", (await renamed.JsonAsync()).GetProperty("name").GetString());
        // Announced twice: its creation (analytics learns of projects from it) and its rename.
        Assert.Equal(["platform.project.changed", "platform.project.changed"], await api.EventTypesAsync(created.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_dependency_that_would_close_a_cycle_is_refused_naming_the_cycle()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "CYC", name = "Cycles" })).Dispose();
        for (var i = 0; i < 3; i++)
        {
            (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/CYC/tasks", token, new { title = $"T{i}" })).Dispose();
        }

        (await platform.SendAsync(HttpMethod.Post, "/api/projects/tasks/CYC-2/dependencies", token, new { predecessor = "CYC-1" })).Dispose();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/tasks/CYC-3/dependencies", token, new { predecessor = "CYC-2", type = "start-to-start", lagDays = -1 })).Dispose();

        using var cycle = await platform.SendAsync(HttpMethod.Post, "/api/projects/tasks/CYC-1/dependencies", token, new { predecessor = "CYC-3" });
        using var self = await platform.SendAsync(HttpMethod.Post, "/api/projects/tasks/CYC-1/dependencies", token, new { predecessor = "CYC-1" });
        using var badEstimate = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/CYC/tasks", token,
            new { title = "Backwards", optimisticDays = 5, mostLikelyDays = 3, pessimisticDays = 1 });
        using var listed = await platform.SendAsync(HttpMethod.Get, "/api/projects/tasks/CYC-3/dependencies", token);

        Assert.Equal(HttpStatusCode.Conflict, cycle.StatusCode);
        Assert.Equal(["CYC-3", "CYC-1", "CYC-2", "CYC-3"], (await cycle.JsonAsync()).GetProperty("cycle").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEstimate.StatusCode);
        var dependency = Assert.Single((await listed.JsonAsync()).EnumerateArray());
        Assert.Equal("start-to-start", dependency.GetProperty("type").GetString());
        Assert.Equal(-1, dependency.GetProperty("lagDays").GetDouble());
    }

    [Fact]
    public async Task Adding_and_removing_a_dependency_publish_their_events()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "DEP", name = "Dependencies" })).Dispose();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/DEP/tasks", token, new { title = "First" })).Dispose();
        using var second = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/DEP/tasks", token, new { title = "Second" });
        var successorId = (await second.JsonAsync()).GetProperty("id").GetGuid();

        using var added = await platform.SendAsync(HttpMethod.Post, "/api/projects/tasks/DEP-2/dependencies", token, new { predecessor = "DEP-1" });
        using var removed = await platform.SendAsync(HttpMethod.Delete, "/api/projects/tasks/DEP-2/dependencies/DEP-1", token);
        using var again = await platform.SendAsync(HttpMethod.Delete, "/api/projects/tasks/DEP-2/dependencies/DEP-1", token);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var database = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("projectsdb", TestContext.Current.CancellationToken))!);
        await using var command = database.CreateCommand($"SELECT type FROM outbox_messages WHERE subject = '{successorId}' AND type LIKE 'platform.dependency.%' ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var types = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            types.Add(reader.GetString(0));
        }

        Assert.Equal(["platform.dependency.added", "platform.dependency.removed"], types);
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        var token = await platform.NewOwnerAccessTokenAsync();

        using var response = await platform.SendAsync(HttpMethod.Get, "/api/projects/openapi/v1.json", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var path in new[] { "/projects", "/projects/{projectKey}/tasks", "/tasks/{key}/dependencies", "/projects/{key}/critical-path" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not described");
        }
        // What Scalar and generated clients show: every operation has a name, a summary and a tag (not a class name).
        var operations = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete").Select(o => (Path: path.Name, o.Name, o.Value)))
            .Where(o => !o.Path.StartsWith("/dapr", StringComparison.Ordinal) && !o.Path.StartsWith("/events", StringComparison.Ordinal))
            .ToList();
        Assert.True(operations.Count >= 35, $"{operations.Count} operations");
        Assert.All(operations, o =>
        {
            Assert.True(o.Value.TryGetProperty("operationId", out _), $"{o.Name} {o.Path} has no operationId");
            Assert.True(o.Value.TryGetProperty("summary", out _), $"{o.Name} {o.Path} has no summary");
            Assert.DoesNotContain(o.Value.GetProperty("tags").EnumerateArray(), tag => tag.GetString()!.EndsWith("Endpoints", StringComparison.Ordinal));
        });
        Assert.Equal(["Automation", "Code", "Comments", "Dependencies", "Members", "Projects", "Scheduling", "Tasks", "Watchers", "Workflows"],
            operations.SelectMany(o => o.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).Distinct().Order());
    }

    [Fact]
    public async Task Tasks_are_listed_in_pages_and_filtered_by_title()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "PAGE", name = "Paging" })).Dispose();
        foreach (var title in new[] { "Write the spec", "Review 100% of it", "Write tests", "Ship", "Write docs" })
        {
            (await platform.SendAsync(HttpMethod.Post, "/api/projects/projects/PAGE/tasks", token, new { title })).Dispose();
        }

        var keys = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await platform.SendAsync(HttpMethod.Get, $"/api/projects/projects/PAGE/tasks?limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = await page.JsonAsync();
            keys.AddRange(body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()!));
            // The last page leaves nextCursor out (nulls are not written).
            cursor = body.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        using var written = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/PAGE/tasks?q=write", token);
        using var percent = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/PAGE/tasks?q=100%25", token);
        using var badCursor = await platform.SendAsync(HttpMethod.Get, "/api/projects/projects/PAGE/tasks?cursor=nonsense", token);

        Assert.Equal(["PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4", "PAGE-5"], keys);
        Assert.Equal(3, pages);
        Assert.Equal(["PAGE-1", "PAGE-3", "PAGE-5"], (await written.JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()!));
        Assert.Equal(["PAGE-2"], (await percent.JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()!));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }
}
