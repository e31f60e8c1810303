using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ModelContextProtocol.Client;
using Platform.Collaboration.Ot;
using Platform.Testing;
using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// The search tool over what the platform indexes from its events: tasks (titles, descriptions, comments) and documents,
/// hybrid full-text and vector ranking, within the caller's organization and scopes. Its retrieval quality is measured on a
/// small hand-made set of questions, each with the task or document a person would expect in the first ten hits.
/// </summary>
public sealed class McpSearchTests(PlatformFixture platform)
{
    private static readonly (string Title, string Description)[] Tasks =
    [
        ("Set up Postgres streaming replication", "Configure a hot standby that follows the primary through WAL shipping, so a failover loses nothing."),
        ("Add OAuth sign-in with GitHub", "Users log in with their GitHub account (OAuth 2.1 with PKCE) instead of a password."),
        ("Rate limit the public API", "A token bucket per user; over the limit the API answers 429 with Retry-After."),
        ("Dark mode for the web client", "A theme toggle in the settings that respects prefers-color-scheme."),
        ("Export tasks to CSV", "Download the filtered task list as a spreadsheet file."),
        ("Fix the flaky checkout test", "The payment integration test times out on CI every few runs."),
        ("Email notifications for mentions", "Send an email when someone is mentioned in a comment."),
        ("Kubernetes manifests for staging", "Generate deployments and services for the GKE staging cluster."),
        ("Cache project lists in Redis", "HybridCache with Redis as the second level, to cut the database load of the board."),
        ("Webhook retries with backoff", "Failed deliveries are retried with exponential backoff for up to 24 hours."),
        ("Upgrade every service to .NET 10", "Move all services and test projects to the new runtime and SDK."),
        ("Burn-down chart on the dashboard", "Show the remaining story points per day of the current sprint."),
        ("Audit log of admin actions", "Record who changed roles and permissions, when, and from which address."),
        ("Search is slow on large projects", "Full-text queries take seconds once a project has many thousand tasks."),
        ("Onboarding checklist for new members", "Walk a new teammate through their first project step by step."),
        ("Translate the interface into German", "All strings localized; dates and numbers in the de-DE format."),
        ("Drag and drop on the board", "Move cards between columns with the mouse or touch."),
        ("Archive finished projects", "Hide archived projects from lists but keep their history readable."),
    ];

    private static readonly (string Title, string Content)[] Documents =
    [
        ("Architecture overview", "# Architecture\nThe platform is a set of services behind one gateway. Each service owns its Postgres database. " +
            "Services tell each other what happened through integration events on Redis streams, written through an outbox."),
        ("Postmortem: database outage in March", "# What happened\nThe primary database host lost its disk. There was no replica, so the platform was down " +
            "for two hours while a backup was restored.\n\n# Action items\nRun a standby replica in another zone and rehearse the switch every quarter."),
        ("API design guidelines", "# Errors\nEvery error is an RFC 7807 problem details document with a useful message.\n\n# Lists\n" +
            "Lists are paged with opaque cursors; never offsets. Filters are query parameters."),
        ("Security review of sign-in", "# Tokens\nAccess tokens live 15 minutes, refresh tokens rotate on use. Public clients must use PKCE. " +
            "Secrets are rotated every 90 days and never logged."),
        ("Release process", "# Releasing\nEvery change ships behind a feature flag. A canary takes 5% of traffic for an hour; " +
            "a rollback is one command and takes less than five minutes."),
    ];

    /// <summary>Questions as people ask them (words of their own, a typo or two) and the task title or document title they expect.</summary>
    private static readonly (string Question, string Expected)[] Questions =
    [
        ("database failover standby", "Set up Postgres streaming replication"),
        ("login with github", "Add OAuth sign-in with GitHub"),
        ("429 too many requests", "Rate limit the public API"),
        ("night theme", "Dark mode for the web client"),
        ("download spreadsheet of tasks", "Export tasks to CSV"),
        ("test failing randomly in CI", "Fix the flaky checkout test"),
        ("notify by mail when mentioned", "Email notifications for mentions"),
        ("deploy to GKE", "Kubernetes manifests for staging"),
        ("redis caching", "Cache project lists in Redis"),
        ("retry failed webhook deliveries", "Webhook retries with backoff"),
        ("dotnet upgrade", "Upgrade every service to .NET 10"),
        ("sprint burndown", "Burn-down chart on the dashboard"),
        ("who changed permissions", "Audit log of admin actions"),
        ("slow full-text search", "Search is slow on large projects"),
        ("german localisation", "Translate the interface into German"),
        ("postgress replcation", "Set up Postgres streaming replication"),
        ("how do services communicate", "Architecture overview"),
        ("what caused the outage", "Postmortem: database outage in March"),
        ("error format of the API", "API design guidelines"),
        ("how long do access tokens live", "Security review of sign-in"),
        ("canary rollout and rollback", "Release process"),
        ("pagination cursors", "API design guidelines"),
    ];

    [Fact]
    public async Task Search_finds_tasks_and_documents_by_meaning_and_words()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "SRCH", "Search");
        await using var client = await platform.ConnectMcpAsync(token);
        // The corpus goes straight to the services: the gateway's per-user limit is left for this test's MCP calls.
        foreach (var (title, description) in Tasks)
        {
            using var task = await platform.SendAsync(HttpMethod.Post, "/projects/SRCH/tasks", token, new { title, description }, via: "projects");
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        }
        foreach (var (title, content) in Documents)
        {
            using var created = await platform.SendAsync(HttpMethod.Post, "/documents", token, new { project = "SRCH", title, type = "design_doc", content }, via: "collaboration");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        // Documents are indexed after a quiet spell (the debounced change event); the last one tells when all are in.
        await WaitUntilFoundAsync(client, "canary rollback", "Release process");
        await WaitUntilFoundAsync(client, "drag drop board", "Drag and drop on the board");

        var found = 0;
        var misses = new List<string>();
        foreach (var (question, expected) in Questions)
        {
            var titles = await TitlesAsync(client, new() { ["query"] = question, ["limit"] = 10 });
            if (titles.Contains(expected))
            {
                found++;
            }
            else
            {
                misses.Add($"'{question}' → [{string.Join(", ", titles)}]");
            }
        }
        var recall = (double)found / Questions.Length;
        TestContext.Current.TestOutputHelper?.WriteLine($"recall@10 = {recall:F2} ({found}/{Questions.Length}); misses: {string.Join("; ", misses)}");
        Assert.True(recall >= 0.85, $"recall@10 = {recall:F2}; misses: {string.Join("; ", misses)}");

        var hit = (await CallAsync(client, "search", new() { ["query"] = "outage replica", ["kind"] = "documents", ["limit"] = 1 })).GetProperty("items")[0];
        Assert.Equal("document", hit.GetProperty("kind").GetString());
        Assert.Contains("**replica**", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("platform://", hit.GetProperty("uri").GetString(), StringComparison.Ordinal);
        var read = await CallAsync(client, "read_document", new() { ["id"] = hit.GetProperty("key").GetString() });
        Assert.StartsWith("# What happened", read.GetProperty("content").GetString(), StringComparison.Ordinal);

        // Pages follow each other without repeats ("project" is a word of four tasks).
        var first = await CallAsync(client, "search", new() { ["query"] = "project", ["limit"] = 2 });
        var second = await CallAsync(client, "search", new() { ["query"] = "project", ["limit"] = 2, ["cursor"] = first.GetProperty("nextCursor").GetString() });
        Assert.Empty(Keys(first).Intersect(Keys(second)));
        Assert.Equal(2, Keys(second).Count);
    }

    [Fact]
    public async Task The_index_follows_changes_and_stays_within_the_organization_and_scopes()
    {
        var token = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await platform.NewProjectAsync(token, "FOLLOW", "Follow");
        await using var client = await platform.ConnectMcpAsync(token);
        await CallAsync(client, "create_task", new() { ["project"] = "FOLLOW", ["title"] = "Migrate the billing ledger" });
        await CallAsync(client, "create_task", new() { ["project"] = "FOLLOW", ["title"] = "Obsolete spike", ["description"] = "Evaluate quokka storage." });
        await WaitUntilFoundAsync(client, "quokka", "Obsolete spike");

        await CallAsync(client, "update_task", new() { ["key"] = "FOLLOW-1", ["title"] = "Migrate the invoicing ledger" });
        await CallAsync(client, "add_comment", new() { ["key"] = "FOLLOW-1", ["body"] = "Blocked until the zebrafish export is signed off." });
        using (var deleted = await platform.SendAsync(HttpMethod.Delete, "/api/projects/tasks/FOLLOW-2", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        await WaitUntilFoundAsync(client, "zebrafish", "Migrate the invoicing ledger");
        await Eventually.TrueAsync(async () => (await TitlesAsync(client, new() { ["query"] = "quokka" })).Count == 0 || await PauseAsync());
        Assert.Equal(["Migrate the invoicing ledger"], await TitlesAsync(client, new() { ["query"] = "invoicing" }));

        // A document, then edited live: the index follows once the editing pauses.
        using var created = await platform.SendAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = "FOLLOW", title = "Ledger notes", type = "notes", content = "Start." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var documentId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using (var editor = await DocumentEditor.OpenAsync(platform.App.GetEndpoint("gateway", "http"), token, documentId))
        {
            await editor.EditAsync(length => TextOperation.Insert(length, " The narwhal reconciliation runs nightly."));
            await Eventually.TrueAsync(editor.IsSynchronizedAsync, editor.DescribeAsync);
        }
        await WaitUntilFoundAsync(client, "narwhal", "Ledger notes");

        // Another organization finds nothing of this one; a token without docs:read finds no documents.
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        await using var strangerClient = await platform.ConnectMcpAsync(stranger);
        Assert.Empty(await TitlesAsync(strangerClient, new() { ["query"] = "invoicing ledger narwhal" }));
        using var personal = await platform.SendAsync(HttpMethod.Post, "/api/identity/me/tokens", token, new { name = "tasks only", scopes = new[] { "projects:read" }, expiresInDays = 1 });
        var tasksOnly = (await personal.JsonAsync()).GetProperty("token").GetString()!;
        await using var tasksOnlyClient = await platform.ConnectMcpAsync(tasksOnly);
        Assert.Equal(["Migrate the invoicing ledger"], await TitlesAsync(tasksOnlyClient, new() { ["query"] = "ledger" }));
        Assert.Contains("docs:read", await ToolErrorAsync(tasksOnlyClient, "search", new() { ["query"] = "ledger", ["kind"] = "documents" }), StringComparison.Ordinal);

        Assert.Contains("query", await ToolErrorAsync(client, "search", new() { ["query"] = " " }), StringComparison.Ordinal);
        Assert.Contains("1000", await ToolErrorAsync(client, "search", new() { ["query"] = new string('x', 1001) }), StringComparison.Ordinal);
        Assert.Contains("kind", await ToolErrorAsync(client, "search", new() { ["query"] = "ledger", ["kind"] = "emails" }), StringComparison.Ordinal);
        Assert.Contains("cursor", await ToolErrorAsync(client, "search", new() { ["query"] = "ledger", ["cursor"] = "bogus" }), StringComparison.Ordinal);
        Assert.Contains("Not found", await ToolErrorAsync(client, "search", new() { ["query"] = "ledger", ["project"] = "NOPE" }), StringComparison.Ordinal);

        // A comment is found by what its task is about: when the task is renamed, its comments' passages follow. With
        // search syntax every word is required, so only a passage holding both words is a full-text match; a result
        // found by full text scores more than one found by meaning alone (the vectors' weight, 0.3, at best).
        await CallAsync(client, "update_task", new() { ["key"] = "FOLLOW-1", ["title"] = "Migrate the walrus ledger" });
        await Eventually.TrueAsync(async () => await BothWordsScoreAsync(client) > 0.3 || await PauseAsync(),
            async () => $"'walrus \"zebrafish\"' scores {await BothWordsScoreAsync(client)}");

        // The graph runs without a chat model: what needs one says so, and how to configure one.
        Assert.Contains("connection string 'chat'", await ToolErrorAsync(client, "answer_question", new() { ["question"] = "What is the ledger about?" }), StringComparison.Ordinal);
    }

    /// <summary>Indexing follows the events by a moment; asks once a second, so waiting costs little of the per-user limit.</summary>
    private static async Task WaitUntilFoundAsync(McpClient client, string query, string title) =>
        await Eventually.TrueAsync(async () => (await TitlesAsync(client, new() { ["query"] = query })).Contains(title) || await PauseAsync(),
            async () => $"'{query}' found [{string.Join(", ", await TitlesAsync(client, new() { ["query"] = query }))}], not '{title}'");

    private static async Task<bool> PauseAsync()
    {
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        return false;
    }

    private static async Task<List<string>> TitlesAsync(McpClient client, Dictionary<string, object?> arguments) =>
        [.. (await CallAsync(client, "search", arguments)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];

    private static async Task<double> BothWordsScoreAsync(McpClient client)
    {
        var hit = (await CallAsync(client, "search", new() { ["query"] = "walrus \"zebrafish\"", ["kind"] = "tasks", ["limit"] = 1 })).GetProperty("items")[0];
        Assert.Equal("FOLLOW-1", hit.GetProperty("key").GetString());
        return hit.GetProperty("score").GetDouble();
    }

    private static List<string> Keys(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)];
}
