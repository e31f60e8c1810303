using System.Net;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>Workflows, comments, watchers, idempotent creates, bulk updates and archived projects.</summary>
public sealed class TaskCollaborationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_workflow_is_customized_and_tasks_of_a_removed_state_move()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("WF");
        await api.CreateTaskAsync("WF", new { title = "Reviewing", state = "In Review" });
        object[] states =
        [
            new { name = "Todo", category = "todo" }, new { name = "Doing", category = "inProgress" },
            new { name = "Verify", category = "inProgress" }, new { name = "Done", category = "done" },
        ];

        using var stranded = await api.SendAsync(HttpMethod.Put, "/projects/WF/workflow", new { states });
        using var replaced = await api.SendAsync(HttpMethod.Put, "/projects/WF/workflow",
            new { states, moves = new Dictionary<string, string> { ["In Review"] = "Verify", ["In Progress"] = "Doing" } });
        using var noDone = await api.SendAsync(HttpMethod.Put, "/projects/WF/workflow", new { states = new[] { new { name = "Only", category = "todo" } } });
        using var task = await api.SendAsync(HttpMethod.Get, "/tasks/WF-1");
        using var history = await api.SendAsync(HttpMethod.Get, "/tasks/WF-1/history");
        using var oldState = await api.SendAsync(HttpMethod.Patch, "/tasks/WF-1", new { state = "Backlog" });

        Assert.Equal(HttpStatusCode.Conflict, stranded.StatusCode);
        Assert.Contains("In Review (1 tasks)", (await stranded.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var workflow = (await replaced.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["Todo", "Doing", "Verify", "Done"], workflow.Select(s => s.GetProperty("name").GetString()!));
        Assert.Equal(1, workflow[2].GetProperty("tasks").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, noDone.StatusCode);
        Assert.Equal("Verify", (await task.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(2, (await history.JsonAsync()).GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, oldState.StatusCode);
    }

    [Fact]
    public async Task The_creator_leads_the_project_and_assignees_become_members()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("TEAM");
        var assignee = Guid.NewGuid();
        var later = Guid.NewGuid();
        await api.CreateTaskAsync("TEAM", new { title = "Assigned", assignee });
        (await api.SendAsync(HttpMethod.Patch, "/tasks/TEAM-1", new { assignee = later })).Dispose();

        using var promoted = await api.SendAsync(HttpMethod.Put, $"/projects/TEAM/members/{assignee}", new { role = "lead" });
        using var removed = await api.SendAsync(HttpMethod.Delete, $"/projects/TEAM/members/{later}");
        using var invalid = await api.SendAsync(HttpMethod.Put, "/projects/TEAM/members/not-a-user", new { role = "member" });
        using var members = await api.SendAsync(HttpMethod.Get, "/projects/TEAM/members");

        Assert.Equal("lead", (await promoted.JsonAsync()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var roles = (await members.JsonAsync()).EnumerateArray().Select(m => (m.GetProperty("userId").GetGuid(), m.GetProperty("role").GetString())).ToList();
        Assert.Equal(2, roles.Count); // the creator and the first assignee, both leads now
        Assert.Contains((assignee, "lead"), roles);
        Assert.All(roles, r => Assert.Equal("lead", r.Item2));
    }

    [Fact]
    public async Task Comments_are_added_listed_and_only_their_author_edits_them()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("COM");
        var task = await api.CreateTaskAsync("COM", new { title = "Discuss" });

        using var added = await api.SendAsync(HttpMethod.Post, "/tasks/COM-1/comments", new { body = "Looks **good**" });
        var comment = await added.JsonAsync();
        using var empty = await api.SendAsync(HttpMethod.Post, "/tasks/COM-1/comments", new { body = "  " });
        using var edited = await api.SendAsync(HttpMethod.Put, $"/tasks/COM-1/comments/{comment.GetProperty("id").GetGuid()}", new { body = "Looks great" });
        using var listed = await api.SendAsync(HttpMethod.Get, "/tasks/COM-1/comments");
        using var watchers = await api.SendAsync(HttpMethod.Get, "/tasks/COM-1/watchers");
        using var unwatch = await api.SendAsync(HttpMethod.Delete, "/tasks/COM-1/watchers/me");
        using var watchersAfter = await api.SendAsync(HttpMethod.Get, "/tasks/COM-1/watchers");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Looks great", (await edited.JsonAsync()).GetProperty("body").GetString());
        var item = Assert.Single((await listed.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.True(item.TryGetProperty("editedAt", out _));
        Assert.Single((await watchers.JsonAsync()).EnumerateArray()); // the creator, who also commented
        Assert.Equal(HttpStatusCode.NoContent, unwatch.StatusCode);
        Assert.Empty((await watchersAfter.JsonAsync()).EnumerateArray());
        Assert.Contains("platform.task.comment-added", await api.EventTypesAsync(task.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_create_retried_with_its_idempotency_key_is_answered_again_not_repeated()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("IDEM");

        using var first = await api.SendAsync(HttpMethod.Post, "/projects/IDEM/tasks", new { title = "Once" }, ("Idempotency-Key", "create-once"));
        using var retry = await api.SendAsync(HttpMethod.Post, "/projects/IDEM/tasks", new { title = "Once" }, ("Idempotency-Key", "create-once"));
        using var reused = await api.SendAsync(HttpMethod.Post, "/projects/IDEM/tasks", new { title = "Twice?" }, ("Idempotency-Key", "create-once"));
        using var invalid = await api.SendAsync(HttpMethod.Post, "/projects/IDEM/tasks", new { title = "" }, ("Idempotency-Key", "fix-me"));
        using var fixedUp = await api.SendAsync(HttpMethod.Post, "/projects/IDEM/tasks", new { title = "Fixed" }, ("Idempotency-Key", "fix-me"));
        using var list = await api.SendAsync(HttpMethod.Get, "/projects/IDEM/tasks");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await retry.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fixedUp.StatusCode);
        Assert.Equal(["IDEM-1", "IDEM-2"], (await list.JsonAsync()).Keys());
    }

    [Fact]
    public async Task A_bulk_update_changes_all_tasks_or_none()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("BLK");
        await api.CreateTaskAsync("BLK", new { title = "One", labels = new[] { "old" } });
        await api.CreateTaskAsync("BLK", new { title = "Two", startDate = "2026-12-10" });

        using var refused = await api.SendAsync(HttpMethod.Post, "/tasks/bulk-update",
            new { keys = new[] { "BLK-1", "BLK-2" }, changes = new { dueDate = "2026-12-05", priority = "urgent" } });
        using var untouched = await api.SendAsync(HttpMethod.Get, "/tasks/BLK-1");
        using var applied = await api.SendAsync(HttpMethod.Post, "/tasks/bulk-update",
            new { keys = new[] { "BLK-1", "BLK-2" }, changes = new { state = "Done" }, addLabels = new[] { "shipped" }, removeLabels = new[] { "OLD" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("BLK-2.dueDate", out _));
        Assert.Equal("none", (await untouched.JsonAsync()).GetProperty("priority").GetString());
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var items = (await applied.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, t => Assert.Equal("Done", t.GetProperty("state").GetString()));
        Assert.All(items, t => Assert.Equal(["shipped"], t.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)));
    }

    [Fact]
    public async Task An_archived_project_is_read_only_until_unarchived()
    {
        var api = await ProjectsClient.SignUpAsync(platform);
        await api.CreateProjectAsync("ARC");
        await api.CreateTaskAsync("ARC", new { title = "Old work" });
        using var read = await api.SendAsync(HttpMethod.Get, "/projects/ARC");

        using var archived = await api.SendAsync(HttpMethod.Patch, "/projects/ARC", new { archived = true, workingDays = new[] { "monday", "tuesday" } },
            ("If-Match", read.Headers.ETag!.Tag));
        using var create = await api.SendAsync(HttpMethod.Post, "/projects/ARC/tasks", new { title = "New work" });
        using var change = await api.SendAsync(HttpMethod.Patch, "/tasks/ARC-1", new { title = "Changed" });
        using var listed = await api.SendAsync(HttpMethod.Get, "/projects");
        using var listedAll = await api.SendAsync(HttpMethod.Get, "/projects?includeArchived=true");
        using var unarchived = await api.SendAsync(HttpMethod.Patch, "/projects/ARC", new { archived = false });
        using var staleEtag = await api.SendAsync(HttpMethod.Patch, "/projects/ARC", new { name = "Renamed" }, ("If-Match", read.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        var project = await archived.JsonAsync();
        Assert.True(project.GetProperty("archived").GetBoolean());
        Assert.Equal(["monday", "tuesday"], project.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal(HttpStatusCode.Conflict, create.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Empty((await listed.JsonAsync()).EnumerateArray());
        Assert.Single((await listedAll.JsonAsync()).EnumerateArray());
        Assert.False((await unarchived.JsonAsync()).GetProperty("archived").GetBoolean());
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleEtag.StatusCode);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_from_the_gateway_and_from_the_service()
    {
        var token = await platform.NewOwnerAccessTokenAsync();
        await new ProjectsClient(platform, token).CreateProjectAsync("BIG");
        using var viaGateway = await SendOversizedAsync("gateway", "/api/projects/projects/BIG/tasks", PlatformFixture.GatewayMaxRequestBodyBytes + 1);
        // Past the gateway (its limit is lowered for this run), the service has its own limit.
        using var viaService = await SendOversizedAsync("projects", "/projects/BIG/tasks", 2 * 1024 * 1024);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, viaGateway.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, viaService.StatusCode);
        Assert.Equal("application/problem+json", viaService.Content.Headers.ContentType?.MediaType);

        // Both refuse on the declared length. The body is sent with its length (not chunked, as JsonContent would) and
        // only after the server's word: else the client could still be writing when the connection closes, and see a
        // broken pipe instead of the answer.
        async Task<HttpResponseMessage> SendOversizedAsync(string resource, string path, int descriptionLength)
        {
            using var client = platform.CreateHttpClient(resource);
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(
                    JsonSerializer.Serialize(new { title = "Huge", description = new string('x', descriptionLength) }),
                    System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.ExpectContinue = true;
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }
}
