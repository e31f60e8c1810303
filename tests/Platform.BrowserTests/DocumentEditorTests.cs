using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using ModelContextProtocol.Client;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The live editor: CodeMirror bound to the OT hub, the OT client in the page's WebAssembly island. Two browsers type
/// into one document at once and converge to the server's text; each sees the other's cursor; undo takes back only
/// one's own edit; a browser that loses its network keeps typing and catches up with nothing lost or repeated.
/// </summary>
public sealed class DocumentEditorTests(BrowserFixture browser)
{
    private const string DocsScopes = "openid projects:read projects:write docs:read docs:write";

    // Emoji, a skin-tone modifier, combining marks and a line break: code points and UTF-16 units disagree on all of them.
    private static readonly string[] Typed = ["a", "b", "c", " ", "é", "e\u0301", "😀", "👍🏽", "𝄞", "中", "\n"];

    [Fact]
    public async Task Two_browsers_typing_at_once_converge_see_each_others_cursor_and_undo_only_their_own_edits()
    {
        await using var first = await WebSession.SignUpAsync(browser);
        var (token, id) = await NewDocumentAsync(first, "DOC", "design_doc", "# Search redesign\n\nWhy: ranking.\n");
        await using var second = await first.SignInElsewhereAsync();

        // Reached as a person would: the project's Documents tab, then the document.
        await first.Page.GotoAsync("/projects/DOC/documents");
        await first.ScreenshotAsync("documents");
        await Accessibility.ExpectNoSeriousViolationsAsync(first.Page);
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "DOC document" }).ClickAsync();
        await Expect(first.Page.Locator(".editor-status.state-live")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await OpenAsync(second, id);

        // Each sees the other's caret, drawn where the other's selection is.
        await first.Page.Locator(".cm-content").ClickAsync();
        await first.Page.Keyboard.PressAsync("Control+Home");
        await second.Page.Locator(".cm-content").ClickAsync();
        await second.Page.Keyboard.PressAsync("Control+End");
        await Expect(first.Page.Locator(".cm-remote-caret")).ToHaveCountAsync(1);
        await Expect(second.Page.Locator(".cm-remote-caret")).ToHaveCountAsync(1);
        await Expect(second.Page.Locator(".cm-line").First.Locator(".cm-remote-caret")).ToHaveCountAsync(1);
        await Expect(first.Page.Locator(".cm-line").Last.Locator(".cm-remote-caret")).ToHaveCountAsync(1);
        await Expect(first.Page.Locator(".cm-remote-name")).ToHaveTextAsync("Ada Lovelace");

        await Task.WhenAll(TypeRandomlyAsync(first, seed: 1, TimeSpan.FromSeconds(30)), TypeRandomlyAsync(second, seed: 2, TimeSpan.FromSeconds(30)));
        await ExpectConvergedAsync(id, token, first, second);
        await first.ScreenshotAsync("document-editor");
        await Accessibility.ExpectNoSeriousViolationsAsync(first.Page);

        // Undo takes back the first browser's word, not the second's typed after it.
        await first.Page.Keyboard.TypeAsync("MINE ");
        await ExpectConvergedAsync(id, token, first, second);
        await second.Page.Keyboard.PressAsync("Control+End");
        await second.Page.Keyboard.TypeAsync(" THEIRS");
        await ExpectConvergedAsync(id, token, first, second);
        await first.Page.Keyboard.PressAsync("Control+z");
        var text = await ExpectConvergedAsync(id, token, first, second);
        Assert.DoesNotContain("MINE", text, StringComparison.Ordinal);
        Assert.EndsWith(" THEIRS", text, StringComparison.Ordinal);

        // The history lists who edited, and any version reads as a diff against now.
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(first.Page.GetByRole(AriaRole.List, new() { Name = "Edits, newest first" })).ToContainTextAsync("Ada Lovelace");
        await first.Page.GotoAsync($"/documents/{id}/history?version=0");
        await Expect(first.Page.Locator(".diff .added").First).ToBeVisibleAsync();
        await first.Page.GetByText("The whole text at version 0").ClickAsync();
        await Expect(first.Page.Locator(".version-text")).ToHaveTextAsync("# Search redesign\n\nWhy: ranking.\n");
        await first.ScreenshotAsync("document-history");
        await Accessibility.ExpectNoSeriousViolationsAsync(first.Page);
    }

    [Fact]
    public async Task A_browser_that_loses_its_network_keeps_typing_and_catches_up_with_nothing_lost_or_repeated_and_a_deletion_stops_both()
    {
        await using var first = await WebSession.SignUpAsync(browser);
        var (token, id) = await NewDocumentAsync(first, "NET", "notes", "");
        await using var second = await first.SignInElsewhereAsync();
        foreach (var session in new[] { first, second })
        {
            await OpenAsync(session, id);
        }

        await second.Page.Context.SetOfflineAsync(true);
        await Expect(second.Page.Locator(".editor-status.state-offline")).ToBeVisibleAsync();
        await Task.WhenAll(TypeRandomlyAsync(first, seed: 3, TimeSpan.FromSeconds(5)), TypeRandomlyAsync(second, seed: 4, TimeSpan.FromSeconds(5)));
        await second.ScreenshotAsync("document-editor-offline");
        // Closing the tab now would lose what was typed offline: the page asks first.
        Assert.True(await second.Page.EvaluateAsync<bool>("() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }"));
        await second.Page.Context.SetOfflineAsync(false);
        await Expect(second.Page.Locator(".editor-status.state-live")).ToBeVisibleAsync();
        await ExpectConvergedAsync(id, token, first, second);
        Assert.False(await second.Page.EvaluateAsync<bool>("() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }"));

        // A deleted document stops its open editors, which say why.
        using var http = browser.App.CreateHttpClient("gateway", "http");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/collaboration/documents/{id}");
        delete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await http.SendAsync(delete, TestContext.Current.CancellationToken)).StatusCode);
        foreach (var session in new[] { first, second })
        {
            await Expect(session.Page.Locator(".live-editor .problem")).ToContainTextAsync("This document was deleted.");
        }
    }

    [Fact]
    public async Task An_AI_assistants_edit_appears_live_in_open_editors_as_a_named_collaborator_and_its_person_can_undo_it()
    {
        await using var first = await WebSession.SignUpAsync(browser);
        var (token, id) = await NewDocumentAsync(first, "AIE", "requirements", "Goals:\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"- item {i}\n")));
        await using var second = await first.SignInElsewhereAsync();
        foreach (var session in new[] { first, second })
        {
            await OpenAsync(session, id);
        }

        await using var assistant = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(browser.App.GetEndpoint("gateway", "http"), "/api/ai/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), cancellationToken: TestContext.Current.CancellationToken);
        // Both people type at the end while the assistant rewrites the first line; all three converge.
        var typing = Task.WhenAll(TypeRandomlyAsync(first, seed: 5, TimeSpan.FromSeconds(4)), TypeRandomlyAsync(second, seed: 6, TimeSpan.FromSeconds(4)));
        await EditAsync(assistant, id, "Goals:", "Risks: none known.\nGoals:");
        await Expect(first.Page.Locator(".people")).ToContainTextAsync("AI assistant (for Ada Lovelace)");
        await first.ScreenshotAsync("document-editor-assistant");
        await typing;
        var text = await ExpectConvergedAsync(id, token, first, second);
        Assert.Contains("Risks: none known.", text, StringComparison.Ordinal);

        // The person it acted for takes its next edit back with undo, like an edit of their own; the other browser sees that too.
        await EditAsync(assistant, id, "", "\nDecision: ship it.");
        text = await ExpectConvergedAsync(id, token, first, second);
        Assert.Contains("Decision: ship it.", text, StringComparison.Ordinal);
        await first.Page.Locator(".cm-content").ClickAsync();
        await first.Page.Keyboard.PressAsync("Control+z");
        text = await ExpectConvergedAsync(id, token, first, second);
        Assert.DoesNotContain("Decision: ship it.", text, StringComparison.Ordinal);
        Assert.Contains("Risks: none known.", text, StringComparison.Ordinal);

        // Renamed from its page; the project's list has the new title.
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await first.Page.GetByLabel("Title").FillAsync("Plan, revised");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(first.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Plan, revised");
        await first.Page.GotoAsync("/projects/AIE/documents");
        await Expect(first.Page.GetByRole(AriaRole.Link, new() { Name = "Plan, revised" })).ToBeVisibleAsync();
    }

    /// <summary>A project <paramref name="key"/> with one document ("{key} document") of <paramref name="type"/>; a token to reach them.</summary>
    private static async Task<(string Token, Guid Id)> NewDocumentAsync(WebSession owner, string key, string type, string content)
    {
        var token = await owner.AccessTokenAsync(DocsScopes);
        await owner.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key, name = $"{key} project" });
        var created = await owner.ApiAsync(HttpMethod.Post, "/api/collaboration/documents", token, new { project = key, title = $"{key} document", type, content });
        return (token, created.GetProperty("id").GetGuid());
    }

    /// <summary>The document's page, once its editor is live (WebAssembly started, the hub joined).</summary>
    private static async Task OpenAsync(WebSession session, Guid id)
    {
        await session.Page.GotoAsync($"/documents/{id}");
        await Expect(session.Page.Locator(".editor-status.state-live")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>An MCP edit_document call: <paramref name="oldText"/> replaced by <paramref name="text"/> (appended when empty).</summary>
    private static async Task EditAsync(McpClient assistant, Guid id, string oldText, string text)
    {
        var edited = await assistant.CallToolAsync("edit_document", new Dictionary<string, object?>
        {
            ["id"] = id,
            ["edits"] = new[] { new { oldText, newText = text } },
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, edited.IsError);
    }

    /// <summary>Random typing, deleting and caret moves for a while, as a person would: no waiting for the network between keys.</summary>
    private static async Task TypeRandomlyAsync(WebSession session, int seed, TimeSpan duration)
    {
        var random = new Random(seed);
        var page = session.Page;
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            switch (random.Next(10))
            {
                case 0:
                    await page.Keyboard.PressAsync("Backspace");
                    break;
                case 1:
                    await page.Keyboard.PressAsync(random.Next(4) == 0 ? "ArrowUp" : "ArrowLeft");
                    break;
                case 2:
                    await page.Keyboard.PressAsync(random.Next(2) == 0 ? "End" : "Control+End");
                    break;
                default:
                    await page.Keyboard.InsertTextAsync(Typed[random.Next(Typed.Length)]);
                    break;
            }
        }
    }

    /// <summary>Waits until every browser shows the server's text, then returns it.</summary>
    private static async Task<string> ExpectConvergedAsync(Guid id, string token, params WebSession[] sessions)
    {
        string? server = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var document = await sessions[0].ApiAsync(HttpMethod.Get, $"/api/collaboration/documents/{id}", token);
            server = document.GetProperty("content").GetString()!;
            var shown = await Task.WhenAll(sessions.Select(EditorTextAsync));
            if (shown.All(text => text == server))
            {
                return server;
            }
            await Task.Delay(200);
        }
        var last = await Task.WhenAll(sessions.Select(EditorTextAsync));
        Assert.Fail($"Not converged. Server: {server}\n{string.Join("\n", last.Select((text, i) => $"Browser {i + 1}: {text}"))}");
        return "";
    }

    /// <summary>The editor's whole text (the DOM holds only the lines in view).</summary>
    private static Task<string> EditorTextAsync(WebSession session) =>
        session.Page.EvaluateAsync<string>("() => document.querySelector('.document-text').editorText");
}
