using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// Documents and live editing through the gateway, with both collaboration replicas running. One test kills a replica,
/// so these run alone, after the tests that run in parallel: nothing else sees a replica missing.
/// </summary>
[CollectionDefinition(nameof(CollaborationTests), DisableParallelization = true)]
[Collection(nameof(CollaborationTests))]
public sealed class CollaborationTests(PlatformFixture platform)
{
    private const string Scopes = "openid projects:read projects:write docs:read docs:write";

    private Uri Gateway => platform.App.GetEndpoint("gateway", "http");

    [Fact]
    public async Task Documents_are_created_read_at_any_version_renamed_listed_and_deleted()
    {
        var (token, documentId) = await NewDocumentAsync("# Design\n");

        await using (var editor = await DocumentEditor.OpenAsync(Gateway, token, documentId))
        {
            await editor.EditAsync(length => TextOperation.Insert(length, "Goals 🎯\n"));
            await editor.EditAsync(_ => TextOperation.Delete(0, 2));
            await Eventually.TrueAsync(editor.IsSynchronizedAsync);
        }

        var now = await GetAsync(token, $"/documents/{documentId}");
        Assert.Equal("Design\nGoals 🎯\n", now.GetProperty("content").GetString());
        Assert.Equal(2, now.GetProperty("version").GetInt32());
        var first = await GetAsync(token, $"/documents/{documentId}?version=1");
        Assert.Equal("# Design\nGoals 🎯\n", first.GetProperty("content").GetString());
        var history = await GetAsync(token, $"/documents/{documentId}/history");
        Assert.Equal([8, 0], history.EnumerateArray().Select(e => e.GetProperty("inserted").GetInt32()));
        Assert.Equal(TextOperation.Insert(9, "Goals 🎯\n"), TextOperationJsonConverter.Parse(history[0].GetProperty("op").GetRawText()));

        using var renamed = await SendAsync(token, HttpMethod.Patch, $"/documents/{documentId}", new { title = "Design v2" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var listed = await GetAsync(token, "/documents?project=DOC");
        Assert.Equal("Design v2", Assert.Single(listed.EnumerateArray()).GetProperty("title").GetString());
        var metadata = await GetAsync(token, $"/documents/{documentId}/metadata");
        Assert.Equal(("Design v2", 2), (metadata.GetProperty("title").GetString(), metadata.GetProperty("version").GetInt32()));
        Assert.False(metadata.TryGetProperty("content", out _));

        using var future = await SendAsync(token, HttpMethod.Get, $"/documents/{documentId}?version=3");
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);
        using var deleted = await SendAsync(token, HttpMethod.Delete, $"/documents/{documentId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await SendAsync(token, HttpMethod.Get, $"/documents/{documentId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Bad_document_requests_get_problem_details()
    {
        var token = await platform.NewOwnerAccessTokenAsync(Scopes);
        using var noProject = await SendAsync(token, HttpMethod.Post, "/documents", new { project = "NOPE", title = "x", type = "notes" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noProject.StatusCode);
        using var badType = await SendAsync(token, HttpMethod.Post, "/documents", new { project = "NOPE", title = "", type = "poem" });
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        var errors = (await badType.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("type", out _) && errors.TryGetProperty("title", out _));

        var (otherToken, othersDocument) = await NewDocumentAsync("secret");
        using var foreign = await SendAsync(token, HttpMethod.Get, $"/documents/{othersDocument}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var foreignMetadata = await SendAsync(token, HttpMethod.Get, $"/documents/{othersDocument}/metadata");
        Assert.Equal(HttpStatusCode.NotFound, foreignMetadata.StatusCode);
        using var readOnly = await SendAsync(await platform.NewOwnerAccessTokenAsync("openid docs:read"), HttpMethod.Post, "/documents", new { project = "DOC", title = "x", type = "notes" });
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.NotNull(otherToken);
    }

    [Fact]
    public async Task Concurrent_editors_on_both_replicas_with_reconnects_converge()
    {
        var (token, documentId) = await NewDocumentAsync("Shared notes: ");
        var editors = new List<DocumentEditor>();
        for (var i = 0; i < 4; i++)
        {
            editors.Add(await DocumentEditor.OpenAsync(Gateway, token, documentId));
        }

        await Task.WhenAll(editors.Select((editor, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            string[] words = ["alpha ", "β ", "🚀 ", "delta\n", "e"];
            for (var step = 0; step < 40; step++)
            {
                await Task.Delay(random.Next(0, 15));
                if (step == 20 && index % 2 == 0)
                {
                    await editor.ReconnectAsync();
                }
                await editor.EditAsync(length => random.Next(4) == 0 && length > 2
                    ? TextOperation.Delete(random.Next(length - 2), random.Next(1, 3))
                    : TextOperation.Insert(random.Next(length + 1), words[random.Next(words.Length)]));
            }
        })));

        foreach (var editor in editors)
        {
            await Eventually.TrueAsync(editor.IsSynchronizedAsync, async () => await editor.DescribeAsync() + await LogAsync(documentId));
            Assert.Empty(editor.Errors);
        }
        var stored = await GetAsync(token, $"/documents/{documentId}");
        var version = stored.GetProperty("version").GetInt32();
        foreach (var editor in editors)
        {
            await Eventually.TrueAsync(async () => await editor.VersionAsync() == version);
            Assert.Equal(stored.GetProperty("content").GetString(), await editor.TextAsync());
            await editor.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_editor_typing_faster_than_the_server_allows_paces_its_submissions_and_is_never_refused()
    {
        var (token, documentId) = await NewDocumentAsync("");
        await using var editor = await DocumentEditor.OpenAsync(Gateway, token, documentId);
        var started = System.Diagnostics.Stopwatch.StartNew();

        // 800 keystrokes as fast as they come, never waiting for an ack (a paste, a replayed trace): the server takes
        // 50 submissions a second with bursts of 200, so sending each as soon as the last is acknowledged would be refused.
        var typing = new List<Task>();
        for (var i = 0; i < 800; i++)
        {
            typing.Add(editor.EditAsync(length => TextOperation.Insert(length, "x")));
            if (i % 8 == 0)
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }
        }
        await Task.WhenAll(typing);
        await Eventually.TrueAsync(editor.IsSynchronizedAsync, editor.DescribeAsync);

        Assert.Empty(editor.Errors);
        Assert.Equal(new string('x', 800), (await GetAsync(token, $"/documents/{documentId}")).GetProperty("content").GetString());
        // Paced: the edits went as fewer submissions, at most one per 20 ms.
        Assert.InRange(editor.Acknowledged.Count, 1, (int)(started.Elapsed.TotalSeconds * 50) + 1);
    }

    [Fact]
    public async Task Killing_a_replica_mid_session_loses_no_acknowledged_operation()
    {
        var (token, documentId) = await NewDocumentAsync("");
        var editors = new List<DocumentEditor>();
        for (var i = 0; i < 4; i++)
        {
            editors.Add(await DocumentEditor.OpenAsync(Gateway, token, documentId));
        }

        var killed = new TaskCompletionSource<string>();
        await Task.WhenAll(editors.Select((editor, index) => Task.Run(async () =>
        {
            var random = new Random(100 + index);
            for (var step = 0; step < 60; step++)
            {
                await Task.Delay(random.Next(5, 20));
                // Killed two thirds in: the 4 x 20 operations after it stay within the trimmed log the fixture keeps
                // (PlatformFixture.CollaborationMaxVersionsBehind), however late a client of the killed replica notices.
                // Further behind, the hub rightly answers with the text instead of the operations (another test covers it).
                if (index == 0 && step == 40)
                {
                    killed.SetResult(KillOneCollaborationProcess());
                }
                if (!editor.IsConnected)
                {
                    await editor.ReconnectAsync();
                }
                await editor.EditAsync(length => TextOperation.Insert(random.Next(length + 1), $"{index}"));
            }
            if (!editor.IsConnected)
            {
                await editor.ReconnectAsync();
            }
        })));
        await RestartStoppedReplicasAsync();

        // A client of the killed replica may learn of it only later (through the gateway, when its connection times
        // out); then it reconnects, catches up and resends what was in flight, as a real editor does.
        async Task<bool> Connected(DocumentEditor editor)
        {
            if (!editor.IsConnected)
            {
                await editor.ReconnectAsync();
            }
            return true;
        }
        foreach (var editor in editors)
        {
            await Eventually.TrueAsync(async () => await Connected(editor) && await editor.IsSynchronizedAsync(), async () => await editor.DescribeAsync() + await LogAsync(documentId), seconds: 60);
        }
        var stored = await GetAsync(token, $"/documents/{documentId}");
        var log = await LogAsync(documentId);
        foreach (var editor in editors)
        {
            await Eventually.TrueAsync(async () => await Connected(editor) && await editor.VersionAsync() == stored.GetProperty("version").GetInt32(), editor.DescribeAsync, seconds: 60);
            Assert.Equal(stored.GetProperty("content").GetString(), await editor.TextAsync());
            // Every acknowledged operation is in the log at the version it was acknowledged as.
            foreach (var (seq, version) in editor.Acknowledged)
            {
                Assert.Contains($" v{version}={editor.ClientId[..6]}#{seq}@", log, StringComparison.Ordinal);
            }
            await editor.DisposeAsync();
        }
        Assert.Equal(240, stored.GetProperty("content").GetString()!.Length);
        Assert.NotNull(await killed.Task);
    }

    /// <summary>SIGKILL for one collaboration instance: no goodbye to its clients, no flushing.</summary>
    private static string KillOneCollaborationProcess()
    {
        var victim = System.Diagnostics.Process.GetProcesses().First(p =>
        {
            try
            {
                // The service's own executable (not the "dotnet run" that started it).
                return File.ReadAllText($"/proc/{p.Id}/cmdline").Split('\0')[0].EndsWith("/Collaboration", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        });
        var name = victim.ProcessName;
        victim.Kill();
        victim.WaitForExit();
        return name;
    }

    /// <summary>Brings killed collaboration replicas back, so the rest of the run has both.</summary>
    private async Task RestartStoppedReplicasAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (replica, snapshot) in await CollaborationReplicasAsync(ct))
        {
            if (snapshot.State?.Text != KnownResourceStates.Running)
            {
                await platform.App.ResourceCommands.ExecuteCommandAsync(replica, "resource-start", ct);
            }
        }
        await Eventually.TrueAsync(
            async () => (await CollaborationReplicasAsync(ct)).Values.All(s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy),
            () => Task.FromResult("collaboration replicas did not come back healthy"),
            seconds: 120);
    }

    /// <summary>The current state of every collaboration replica, keyed by its instance name.</summary>
    private async Task<Dictionary<string, CustomResourceSnapshot>> CollaborationReplicasAsync(CancellationToken ct)
    {
        // WatchAsync replays every resource's current state first; a short window is enough to read it.
        var replicas = new Dictionary<string, CustomResourceSnapshot>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var change in platform.App.ResourceNotifications.WatchAsync(window.Token))
            {
                if (change.Resource.Name == "collaboration")
                {
                    replicas[change.ResourceId] = change.Snapshot;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        return replicas;
    }

    [Fact]
    public async Task Bad_operations_get_precise_errors_and_change_nothing()
    {
        var (token, documentId) = await NewDocumentAsync("hello 😀");
        var (_, foreignDocument) = await NewDocumentAsync("theirs");
        await using var hub = DocumentEditor.Connect(Gateway, token);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync<JsonElement>(DocumentHubContract.Join, documentId, null, TestContext.Current.CancellationToken);

        async Task Refused(string code, int baseVersion, object op, long seq = 1, string client = "c1")
        {
            var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, baseVersion, op, client, seq, TestContext.Current.CancellationToken));
            Assert.StartsWith(code + ":", error.Message.Split("HubException: ").Last(), StringComparison.Ordinal);
        }

        await Refused("op_out_of_range", 0, new object[] { 7, new { d = 1 } });
        await Refused("op_invalid", 0, new object[] { -1, "x" });
        await Refused("op_invalid", 0, new object[] { 1.5, "x" });
        await Refused("op_invalid", 0, new object[] { 1, "" });
        await Refused("op_invalid", 0, new object[] { new { d = 0 } });
        await Refused("op_invalid", 0, new object[] { new { x = 1 } });
        await Refused("version_from_future", 5, new object[] { "x" });
        // No .NET client can even write a lone surrogate; a raw client can.
        await using (var raw = await RawHubClient.ConnectAsync(Gateway, token))
        {
            await raw.InvokeAsync(DocumentHubContract.Join, $"\"{documentId}\", null");
            var completion = await raw.InvokeAsync(DocumentHubContract.Submit, $$"""
                "{{documentId}}", 0, ["\ud800x"], "raw", 1
                """);
            Assert.StartsWith("op_invalid: Component 0: the inserted text contains a lone UTF-16 surrogate", completion.GetProperty("error").GetString()!.Split("HubException: ").Last(), StringComparison.Ordinal);
        }
        await Refused("client_invalid", 0, new object[] { "x" }, seq: 0);

        Assert.Equal(1, await hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, 0, new object[] { "¡" }, "c1", 1L, TestContext.Current.CancellationToken));
        Assert.Equal(1, await hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, 0, new object[] { "¡" }, "c1", 1L, TestContext.Current.CancellationToken));
        await Refused("duplicate_seq", 0, new object[] { "?" }, seq: 1);

        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>(DocumentHubContract.Join, Guid.NewGuid(), null, TestContext.Current.CancellationToken));
        Assert.Contains("not_found", unknown.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>(DocumentHubContract.Join, foreignDocument, null, TestContext.Current.CancellationToken));
        Assert.Contains("not_found", foreign.Message, StringComparison.Ordinal);
        var notJoined = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<int>(DocumentHubContract.Submit, foreignDocument, 0, new object[] { "x" }, "c1", 9L, TestContext.Current.CancellationToken));
        Assert.Contains("not_joined", notJoined.Message, StringComparison.Ordinal);

        // Past the trimmed log: a client that far behind must rejoin.
        for (var seq = 2; seq <= PlatformFixture.CollaborationMaxVersionsBehind + 2; seq++)
        {
            await hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, seq - 1, new object[] { "." }, "c1", (long)seq, TestContext.Current.CancellationToken);
        }
        await Refused("version_too_old", 0, new object[] { "late" }, seq: 100);

        // The connection is still usable and only the accepted operations changed the text.
        var version = PlatformFixture.CollaborationMaxVersionsBehind + 2;
        Assert.Equal(version + 1, await hub.InvokeAsync<int>(DocumentHubContract.Submit, documentId, version, new object[] { "!" }, "c1", 200L, TestContext.Current.CancellationToken));
        var stored = await GetAsync(token, $"/documents/{documentId}");
        Assert.Equal("!" + new string('.', PlatformFixture.CollaborationMaxVersionsBehind + 1) + "¡hello 😀", stored.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Editors_see_each_other_and_cursors_follow_the_text()
    {
        var (token, documentId) = await NewDocumentAsync("0123456789");
        await using var alice = await DocumentEditor.OpenAsync(Gateway, token, documentId);
        await using var bob = await DocumentEditor.OpenAsync(Gateway, token, documentId);
        await Eventually.TrueAsync(() => Task.FromResult(alice.Presence.Count > 0));
        // The backplane subscribes each connection's channel and none per user: SignalR has no user id, as tokens' `sub` is
        // not mapped to a name identifier, and the hub never sends to a user (a channel per user would cost every replica).
        var channels = await BackplaneChannelsAsync();
        Assert.True(channels.Count(c => c.Contains(":connection:", StringComparison.Ordinal)) >= 2, string.Join(", ", channels));
        Assert.DoesNotContain(channels, c => c.Contains(":user:", StringComparison.Ordinal));

        await bob.Connection.UpdatePresenceAsync(documentId, 0, new Selection(5, 5), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(alice.Presence.Any(p => p.Selection is not null)));
        await alice.EditAsync(_ => TextOperation.Insert(0, "abc"));
        await Eventually.TrueAsync(alice.IsSynchronizedAsync);

        // A third editor joining now sees Bob's cursor moved past Alice's insert.
        await using var carol = DocumentEditor.Connect(Gateway, token);
        await carol.StartAsync(TestContext.Current.CancellationToken);
        var joined = await carol.InvokeAsync<JsonElement>(DocumentHubContract.Join, documentId, null, TestContext.Current.CancellationToken);
        var bobs = joined.GetProperty("presence").EnumerateArray().Single(p => p.GetProperty("selection").ValueKind == JsonValueKind.Object);
        Assert.Equal(8, bobs.GetProperty("selection").GetProperty("anchor").GetInt32());
        Assert.Equal(3, joined.GetProperty("presence").GetArrayLength() + 1);
    }

    [Fact]
    public async Task Every_editor_hears_each_committed_version_once_its_own_included()
    {
        var (token, documentId) = await NewDocumentAsync("");
        var cancellationToken = TestContext.Current.CancellationToken;
        var heard = new Dictionary<string, List<CommittedOp[]>>();
        var editors = new List<HubConnection>();
        foreach (var name in new[] { "listener", "a", "b", "c" })
        {
            var connection = DocumentEditor.Connect(Gateway, token);
            var messages = heard[name] = [];
            connection.On<Guid, CommittedOp[]>(nameof(IDocumentClient.Committed), (_, ops) =>
            {
                lock (messages)
                {
                    messages.Add(ops);
                }
            });
            await connection.StartAsync(cancellationToken);
            await connection.InvokeAsync<JsonElement>(DocumentHubContract.Join, documentId, null, cancellationToken);
            editors.Add(connection);
        }

        // Three editors each submit 20 inserts at once, all made on version 0: the group commit takes several at a time.
        const int Each = 20;
        await Task.WhenAll(editors.Skip(1).Select((editor, index) => Task.WhenAll(Enumerable.Range(1, Each).Select(seq =>
            editor.InvokeAsync<int>(DocumentHubContract.Submit, documentId, 0, new object[] { ((char)('a' + index)).ToString() }, $"client-{index}", (long)seq, cancellationToken)))));

        var versions = Enumerable.Range(1, 3 * Each).ToArray();
        await Eventually.TrueAsync(() => Task.FromResult(heard.Values.All(messages => Flat(messages).Count() == versions.Length)),
            () => Task.FromResult(string.Join("; ", heard.Select(h => $"{h.Key}: {Flat(h.Value).Count()}"))));
        // A message holds consecutive versions; messages from the two replicas may cross on the way (clients order them).
        foreach (var messages in heard.Values)
        {
            Assert.Equal(versions, Flat(messages).Select(op => op.Version).Order());
            Assert.All(messages, ops => Assert.Equal(Enumerable.Range(ops[0].Version, ops.Length), ops.Select(op => op.Version)));
        }
        Assert.Equal(Enumerable.Range(1, Each).Select(seq => (long)seq).ToArray(),
            Flat(heard["a"]).Where(op => op.ClientId == "client-0").Select(op => op.ClientSeq).Order().ToArray());
        await Task.WhenAll(editors.Select(editor => editor.DisposeAsync().AsTask()));

        static IEnumerable<CommittedOp> Flat(List<CommittedOp[]> messages)
        {
            lock (messages)
            {
                return messages.SelectMany(ops => ops).ToList();
            }
        }
    }

    private async Task<(string Token, Guid DocumentId)> NewDocumentAsync(string content)
    {
        var token = await platform.NewOwnerAccessTokenAsync(Scopes);
        using (var project = await platform.SendAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "DOC", name = "Docs" }))
        {
            Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        }
        using var created = await SendAsync(token, HttpMethod.Post, "/documents", new { project = "doc", title = "Design", type = "design_doc", content });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await created.JsonAsync();
        Assert.Equal("DOC", document.GetProperty("project").GetString());
        return (token, document.GetProperty("id").GetGuid());
    }

    private async Task<List<string>> BackplaneChannelsAsync()
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await platform.App.GetConnectionStringAsync("cache", TestContext.Current.CancellationToken))!);
        var channels = await redis.GetServers().Single().SubscriptionChannelsAsync(StackExchange.Redis.RedisChannel.Pattern("collaboration*"));
        return [.. channels.Select(c => c.ToString())];
    }

    private async Task<string> LogAsync(Guid documentId)
    {
        await using var database = Npgsql.NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("collabdb", TestContext.Current.CancellationToken))!);
        await using var command = database.CreateCommand("SELECT version, client_id, client_seq, base_version FROM document_operations WHERE document_id = $1 ORDER BY version");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var log = new System.Text.StringBuilder("\nlog:");
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            log.Append(System.Globalization.CultureInfo.InvariantCulture, $" v{reader.GetInt32(0)}={reader.GetString(1)[..6]}#{reader.GetInt64(2)}@{reader.GetInt32(3)}");
        }
        return log.ToString();
    }

    private Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null) =>
        platform.SendAsync(method, "/api/collaboration" + path, token, body);

    private async Task<JsonElement> GetAsync(string token, string path)
    {
        using var response = await SendAsync(token, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
