using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Testing;
using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// The AI service's REST routes as the web client calls them, through the gateway (<c>/api/ai/...</c>): search, questions,
/// the activity feed and the models. Data is set up straight at the services, and waiting for the index asks the AI
/// service directly, so the gateway's per-user limit is left for what is tested.
/// </summary>
public sealed class AiApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Search_finds_a_task_and_a_document_by_their_words_with_the_words_in_bold()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "FIND", "Find");
        await NewTaskAsync(token, "FIND", "Quetzal exporter", "The quetzal exporter writes the nightly telemetry files.");
        var documentId = await NewDocumentAsync(token, "FIND", "Quetzal notes", "# Notes\nWhy the quetzal exporter runs at night: the load is lowest then.");
        await WaitUntilFoundAsync(token, "quetzal", 2);

        var page = await GetJsonAsync(token, "/api/ai/search?q=quetzal");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.False(page.TryGetProperty("nextCursor", out _), "one page holds both hits: the last page leaves nextCursor out");
        var task = Assert.Single(items, item => item.GetProperty("kind").GetString() == "task");
        Assert.Equal("FIND-1", task.GetProperty("key").GetString());
        Assert.Equal("Quetzal exporter", task.GetProperty("title").GetString());
        Assert.Contains("**quetzal**", task.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("/tasks/FIND-1", task.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.True(task.GetProperty("score").GetDouble() > 0);
        Assert.True(task.GetProperty("updatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        var document = Assert.Single(items, item => item.GetProperty("kind").GetString() == "document");
        Assert.Equal(documentId, document.GetProperty("key").GetString());
        Assert.Contains("**quetzal**", document.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("platform://", document.GetProperty("uri").GetString(), StringComparison.Ordinal);

        var documents = await GetJsonAsync(token, "/api/ai/search?q=quetzal&kind=documents&project=find");
        Assert.Equal([documentId], documents.Keys());
    }

    [Fact]
    public async Task Search_finds_a_task_by_its_meaning_through_the_local_model_when_no_word_is_shared()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "MEAN", "Meaning");
        await NewTaskAsync(token, "MEAN", "Export invoices as a spreadsheet", "Finance wants the monthly invoices in a spreadsheet.");
        await NewTaskAsync(token, "MEAN", "Sign-in page rejects the password", "Customers report that the authentication form refuses correct passwords.");

        // "cannot log in" shares no word with the sign-in task: full text finds nothing, all-MiniLM-L6-v2 finds it first.
        await Eventually.TrueAsync(async () => (await GetJsonAsync(token, "/search?q=cannot%20log%20in", via: "ai")).Keys() is ["MEAN-2", ..] || await PauseAsync(),
            async () => $"'cannot log in' found [{string.Join(", ", (await GetJsonAsync(token, "/search?q=cannot%20log%20in", via: "ai")).Keys())}]");
    }

    [Fact]
    public async Task A_token_gets_only_the_kinds_its_scopes_read()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "SCOPE", "Scope");
        await NewTaskAsync(token, "SCOPE", "Okapi budget", "Plan the okapi budget.");
        await NewDocumentAsync(token, "SCOPE", "Okapi memo", "The okapi memo explains the budget.");
        await WaitUntilFoundAsync(token, "okapi", 2);

        var tasksOnly = await PersonalAccessTokenAsync(token, "projects:read");
        var found = await GetJsonAsync(tasksOnly, "/api/ai/search?q=okapi");
        Assert.Equal(["SCOPE-1"], found.Keys());
        using var documents = await platform.SendAsync(HttpMethod.Get, "/api/ai/search?q=okapi&kind=documents", tasksOnly);
        var problem = await ProblemAsync(documents, HttpStatusCode.Forbidden);
        Assert.Contains("docs:read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var documentsOnly = await PersonalAccessTokenAsync(token, "docs:read");
        var memo = await GetJsonAsync(documentsOnly, "/api/ai/search?q=okapi");
        Assert.Equal(["document"], memo.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("kind").GetString()));

        // A token that reads neither may not call at all; nor may a caller without a token.
        var writer = await PersonalAccessTokenAsync(token, "projects:write");
        using (var refused = await platform.SendAsync(HttpMethod.Get, "/api/ai/search?q=okapi", writer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var http = platform.CreateHttpClient("gateway");
        using var anonymous = await http.GetAsync("/api/ai/search?q=okapi", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Search_pages_follow_each_other_with_the_cursor()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "PAGE", "Page");
        for (var i = 1; i <= 5; i++)
        {
            await NewTaskAsync(token, "PAGE", $"Narwhal task {i}", $"Narwhal number {i}.");
        }
        await WaitUntilFoundAsync(token, "narwhal", 5);
        // The ranking settles once the passages are embedded too (each page is ranked anew).
        await Eventually.TrueAsync(async () => (await GetJsonAsync(token, "/search/index", via: "ai")).GetProperty("waiting").GetInt32() == 0 || await PauseAsync(),
            async () => $"index {await GetJsonAsync(token, "/search/index", via: "ai")}");

        var keys = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetJsonAsync(token, $"/api/ai/search?q=narwhal&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            keys.AddRange(page.Keys());
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 5);
        Assert.Equal(3, pages);
        Assert.Equal(["PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4", "PAGE-5"], keys.Order());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        foreach (var (path, field) in new[]
        {
            ("/api/ai/search", "q"),
            ("/api/ai/search?q=%20", "q"),
            ($"/api/ai/search?q={new string('x', 1001)}", "q"),
            ("/api/ai/search?q=ledger&kind=emails", "kind"),
            ("/api/ai/search?q=ledger&limit=0", "limit"),
            ("/api/ai/search?q=ledger&limit=51", "limit"),
            ("/api/ai/search?q=ledger&cursor=bogus", "cursor"),
            ("/api/ai/search?q=ledger&project=not-a-key", "project"),
            ("/api/ai/activity?limit=101", "limit"),
            ("/api/ai/activity?cursor=x", "cursor"),
        })
        {
            using var response = await platform.SendAsync(HttpMethod.Get, path, token);
            await ExpectFieldAsync(response, field, path);
        }
        using (var empty = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", token, new { }))
        {
            await ExpectFieldAsync(empty, "question", "an empty question");
        }
        using (var tooLong = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", token, new { question = new string('?', 1001) }))
        {
            await ExpectFieldAsync(tooLong, "question", "a question of 1001 characters");
        }
        // A number that is none is refused by the framework before the route runs: a 400 problem all the same.
        using var notANumber = await platform.SendAsync(HttpMethod.Get, "/api/ai/search?q=ledger&limit=ten", token);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal("application/problem+json", notANumber.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_organizations_project_answers_like_one_that_does_not_exist()
    {
        var owner = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(owner, "THEIRS", "Theirs");
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);

        foreach (var route in new[] { "/api/ai/search?q=ledger&project={0}", "/api/ai/activity?project={0}" })
        {
            using var theirs = await platform.SendAsync(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "THEIRS"), stranger);
            using var nobodys = await platform.SendAsync(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "NOBODYS"), stranger);
            var theirProblem = await ProblemAsync(theirs, HttpStatusCode.NotFound);
            var nobodysProblem = await ProblemAsync(nobodys, HttpStatusCode.NotFound);
            Assert.Equal(Comparable(nobodysProblem).Replace("NOBODYS", "THEIRS", StringComparison.Ordinal), Comparable(theirProblem));
        }
        using var ask = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", stranger, new { question = "What is planned?", project = "THEIRS" });
        await ProblemAsync(ask, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Asking_without_a_chat_model_is_a_503_problem_saying_how_to_configure_one()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        for (var i = 0; i < PlatformFixture.AiQuestionsPerUserPerMinute; i++)
        {
            using var response = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", token, new { question = "What is the plan?" });
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("connection string 'chat'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Questions have a per-user limit of their own (each may cost a paid model call).
        using var over = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", token, new { question = "And now?" });
        await ProblemAsync(over, HttpStatusCode.TooManyRequests);
        Assert.NotNull(over.Headers.RetryAfter);
    }

    [Fact]
    public async Task Activity_is_newest_first_in_pages()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "FEED", "Feed");
        await platform.NewProjectAsync(token, "ELSE", "Else");
        await NewTaskAsync(token, "FEED", "Write the plan", null);
        using (var moved = await platform.SendAsync(HttpMethod.Patch, "/tasks/FEED-1", token, new { state = "In Progress" }, via: "projects"))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        using (var commented = await platform.SendAsync(HttpMethod.Post, "/tasks/FEED-1/comments", token, new { body = "Half done." }, via: "projects"))
        {
            Assert.Equal(HttpStatusCode.Created, commented.StatusCode);
        }
        await NewTaskAsync(token, "ELSE", "Elsewhere", null);
        await Eventually.TrueAsync(async () => (await ActivityCountAsync(token)) >= 4 || await PauseAsync(), async () => $"{await ActivityCountAsync(token)} entries");

        var feed = (await GetJsonAsync(token, "/api/ai/activity?project=FEED")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["task.commented", "task.moved", "task.created"], feed.Select(item => item.GetProperty("kind").GetString()));
        Assert.All(feed, item => Assert.Equal("FEED-1", item.GetProperty("subject").GetString()));
        Assert.Equal("Commented: Half done.", feed[0].GetProperty("summary").GetString());
        Assert.Equal("Write the plan", feed[2].GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(feed[0].GetProperty("actor").GetString()));
        Assert.True(feed[0].GetProperty("at").GetDateTimeOffset() >= feed[1].GetProperty("at").GetDateTimeOffset());

        static List<string> Entries(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind")} {i.GetProperty("subject")}")];
        var all = Entries(await GetJsonAsync(token, "/api/ai/activity"));
        Assert.Equal(4, all.Count);
        var first = await GetJsonAsync(token, "/api/ai/activity?limit=3");
        var next = await GetJsonAsync(token, $"/api/ai/activity?limit=3&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(all, [.. Entries(first), .. Entries(next)]);
        Assert.False(next.TryGetProperty("nextCursor", out _));
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty((await GetJsonAsync(token, $"/api/ai/activity?since={later}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Models_name_the_embedder_and_no_chat_model_in_this_graph()
    {
        var token = await PersonalAccessTokenAsync(await platform.NewOwnerAccessTokenAsync(AllScopes), "docs:read");
        var models = await GetJsonAsync(token, "/api/ai/models");
        Assert.Equal("all-MiniLM-L6-v2@24.9.52193", models.GetProperty("embeddings").GetProperty("model").GetString());
        Assert.Equal("platform-local", models.GetProperty("embeddings").GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Null, models.GetProperty("chat").ValueKind);
    }

    private async Task NewTaskAsync(string token, string project, string title, string? description)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, $"/projects/{project}/tasks", token, new { title, description }, via: "projects");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<string> NewDocumentAsync(string token, string project, string title, string content)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/documents", token, new { project, title, type = "notes", content }, via: "collaboration");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> PersonalAccessTokenAsync(string session, string scope)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/me/tokens", session, new { name = scope, scopes = new[] { scope }, expiresInDays = 1 }, via: "identity");
        Assert.True(created.IsSuccessStatusCode, $"a personal access token: {(int)created.StatusCode}");
        return (await created.JsonAsync()).GetProperty("token").GetString()!;
    }

    private async Task<JsonElement> GetJsonAsync(string token, string path, string via = "gateway")
    {
        using var response = await platform.SendAsync(HttpMethod.Get, path, token, via: via);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.JsonAsync();
    }

    /// <summary>Indexing follows the events by a moment; asks the AI service itself once a second until the hits are in.</summary>
    private async Task WaitUntilFoundAsync(string token, string query, int hits) =>
        await Eventually.TrueAsync(async () => (await GetJsonAsync(token, $"/search?q={query}&limit=50", via: "ai")).Keys().Length >= hits || await PauseAsync(),
            async () => $"'{query}' found [{string.Join(", ", (await GetJsonAsync(token, $"/search?q={query}&limit=50", via: "ai")).Keys())}]");

    private async Task<int> ActivityCountAsync(string token) =>
        (await GetJsonAsync(token, "/activity", via: "ai")).GetProperty("items").GetArrayLength();

    private static async Task<bool> PauseAsync()
    {
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        return false;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ExpectFieldAsync(HttpResponseMessage response, string field, string what)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(body)?["errors"]?.AsObject();
        Assert.True(errors?.ContainsKey(field) == true, $"{what}: the errors do not name '{field}': {body}");
    }

    /// <summary>A problem less what differs between any two calls (the trace id).</summary>
    private static string Comparable(JsonElement problem)
    {
        var node = JsonNode.Parse(problem.GetRawText())!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }
}
