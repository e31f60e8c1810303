using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>Attachments in the web app: dropped on a task, scanned, shown small; an image pasted into a document's text.</summary>
public sealed class FilePagesTests(BrowserFixture browser)
{
    private const string Scopes = "openid projects:read projects:write docs:read docs:write";

    [Fact]
    public async Task Files_attached_to_a_task_are_scanned_then_listed_with_a_thumbnail_and_open_by_the_apps_link()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync(Scopes);
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "ATT", name = "Attachments" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/ATT/tasks", token, new { title = "Redesign the dashboard" });
        var page = session.Page;
        await page.GotoAsync("/tasks/ATT-1");
        var attachments = page.GetByRole(AriaRole.Region, new() { Name = "Attachments" });
        await Expect(attachments.GetByText("No attachments yet.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(attachments.GetByLabel("Attach files")).ToBeEnabledAsync(new() { Timeout = 15_000 });

        await attachments.GetByLabel("Attach files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "mockup.png", MimeType = "image/png", Buffer = TestFiles.PngWithExif(1280, 800) },
            new FilePayload { Name = "brief.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("The dashboard brief: three charts and a table.") },
        });

        var list = attachments.Locator("ul.attachment-list");
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "brief.pdf" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(list.GetByText("searchable")).ToBeVisibleAsync();
        var thumbnail = list.GetByRole(AriaRole.Img, new() { Name = "mockup.png" });
        await Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The app's own address for it redirects to a fresh signed link, which the browser follows to the image.
        await page.WaitForFunctionAsync("() => document.querySelector('ul.attachment-list img')?.naturalWidth === 320");
        await session.ScreenshotAsync("task-attachments");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await list.GetByRole(AriaRole.Button, new() { Name = "Delete brief.pdf" }).ClickAsync();
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "brief.pdf" })).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_image_pasted_into_a_document_is_attached_to_it_and_shown_in_the_preview()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync(Scopes);
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "PASTE", name = "Paste" });
        var created = await session.ApiAsync(HttpMethod.Post, "/api/collaboration/documents", token,
            new { project = "PASTE", title = "Screens", type = "notes", content = "# Screens\n" });
        var page = session.Page;
        await page.GotoAsync($"/documents/{created.GetProperty("id").GetGuid()}");
        await Expect(page.Locator(".editor-status.state-live")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await page.Locator(".document-text .cm-content").ClickAsync();
        await page.EvaluateAsync("""
            async bytes => {
                const file = new File([new Uint8Array(bytes)], "screen.png", { type: "image/png" });
                const data = new DataTransfer();
                data.items.add(file);
                document.querySelector(".document-text .cm-content")
                    .dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, TestFiles.PngWithExif(640, 400).Select(b => (int)b).ToArray());

        await page.WaitForFunctionAsync("() => /!\\[screen\\.png\\]\\(\\/files\\/[0-9a-f-]+\\/web\\)/.test(document.querySelector('.document-text').editorText)",
            null, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('.preview img')?.naturalWidth === 640", null, new() { Timeout = 30_000 });
        await session.ScreenshotAsync("document-pasted-image");

        // It is one of the document's attachments (listed when the page is opened again).
        await page.ReloadAsync();
        var attachments = page.GetByRole(AriaRole.Region, new() { Name = "Attachments" });
        await Expect(attachments.GetByRole(AriaRole.Img, new() { Name = "screen.png" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
