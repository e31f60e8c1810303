using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>Finding work by its words from anywhere, and following what happens to a project as it happens.</summary>
public sealed class SearchAndActivityTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_searches_from_the_top_bar_and_opens_the_task_found()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "FIND", name = "Findings" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FIND/tasks", token,
            new { title = "Set up streaming replication", description = "The standby follows the primary's write-ahead log." });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FIND/tasks", token, new { title = "Choose a logo" });
        var page = session.Page;
        await page.GotoAsync("/projects");

        // The index follows the platform's events: the task is found once the AI service has read its creation.
        await Eventually.TrueAsync(async () =>
        {
            await page.Keyboard.PressAsync("/");
            // Again on the search page, the box holds the last query: typed over, not after it.
            await page.Keyboard.PressAsync("ControlOrMeta+A");
            await page.Keyboard.TypeAsync("replication standby");
            // The answer is a new page even when its address is the last one's: waited for until it has all come in.
            await page.RunAndWaitForRequestFinishedAsync(() => page.Keyboard.PressAsync("Enter"),
                new() { Predicate = request => request.IsNavigationRequest && request.Url.Contains("/search?q=replication", StringComparison.Ordinal) });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            return await page.Locator("[data-hit='FIND-1']").CountAsync() == 1;
        });
        var hit = page.Locator("[data-hit='FIND-1']");
        // The passage that matched best, its query words marked.
        await Expect(hit.Locator("mark").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(replication|standby)$"));
        await Expect(page.Locator("[data-hit='FIND-2']")).ToHaveCountAsync(0);
        // The test graph has no chat model: no Ask button, and the page says why.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Asking questions needs a chat model")).ToBeVisibleAsync();
        await session.ScreenshotAsync("search");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await hit.GetByRole(AriaRole.Link).ClickAsync();
        // The task page's first render waits on the analytics service, which assesses the project's risks as it is asked.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "FIND-1 Set up streaming replication" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task An_owner_connects_the_organizations_own_model_then_asks_and_rates_the_answer()
    {
        using var model = new ChatModelServer();
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "ASK", name = "Asking" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/ASK/tasks", token,
            new { title = "Rotate the signing keys", description = "The signing keys rotate every ninety days." });
        var page = session.Page;

        await page.GotoAsync("/settings/assistants");
        var chat = page.GetByRole(AriaRole.Group, new() { Name = "Our own chat model" });
        await chat.GetByLabel("API address").FillAsync(model.Address);
        await chat.GetByLabel("Model", new() { Exact = true }).FillAsync("team-model");
        await chat.GetByLabel("API key").FillAsync("team-key");
        var embeddings = page.GetByRole(AriaRole.Group, new() { Name = "Our own embedding model" });
        await embeddings.GetByLabel("API address").FillAsync(model.Address);
        await embeddings.GetByLabel("Model", new() { Exact = true }).FillAsync("team-embed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("stored encrypted");
        await Expect(page.GetByText("Questions are answered by team-model (your organization's endpoint)")).ToBeVisibleAsync();
        await Expect(page.GetByText($"Search embeds with team-embed@{new Uri(model.Address).Authority} (your organization's endpoint)")).ToBeVisibleAsync();
        await session.ScreenshotAsync("assistant-models");

        var question = Uri.EscapeDataString("How often do the signing keys rotate?");
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync($"/search?q={question}&ask=true");
            return await page.Locator("[data-hit='ASK-1']").CountAsync() > 0;
        });
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "Answer" });
        await Expect(answer).ToContainTextAsync(ChatModelServer.AnswerOf("team-model", "How often do the signing keys rotate?"));
        await answer.GetByLabel("Not helpful", new() { Exact = true }).CheckAsync();
        await answer.GetByLabel("What was right or wrong").FillAsync("It should name who rotates them.");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(answer.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you: recorded as not helpful.");
        await session.ScreenshotAsync("answer-rated");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // The rating counts for the search weights the answer tried; owners also see the assistants' tool calls.
        await page.GotoAsync("/settings/assistants");
        await Expect(page.GetByText("the platform's default until a weight has 10 ratings")).ToBeVisibleAsync();
        var tried = page.GetByRole(AriaRole.Table, new() { Name = "Weights tried" });
        await Expect(tried.Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(tried.Locator("tbody tr td:nth-child(3)", new() { HasText = "1" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Assistants' recent tool calls" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Search weights" }).ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("assistant-weights");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // An owner compares other instructions on the team's own questions, then ends the experiment.
        var start = page.GetByRole(AriaRole.Form, new() { Name = "Start an experiment" });
        await start.GetByLabel("Name").FillAsync("One-sentence answers");
        await start.GetByLabel("Variant instructions (optional)").FillAsync("Answer in one sentence, citing the sources.");
        await start.GetByLabel("Route by").SelectOptionAsync("conversation");
        await start.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        var report = page.GetByRole(AriaRole.Table, new() { Name = "Experiment report" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "One-sentence answers" })).ToContainTextAsync("50 % of conversations");
        await Expect(report.Locator("tr", new() { HasText = "Instructions" })).ToContainTextAsync("Answer in one sentence, citing the sources.");
        await Expect(report.Locator("tr", new() { HasText = "Helpful" })).ToContainTextAsync("no ratings yet");
        await report.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("experiment-running");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop without change" }).ClickAsync();
        await Expect(page.GetByText("One-sentence answers: stopped")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Start an experiment" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_activity_feed_lists_what_happened_newest_first_and_follows_new_changes_live()
    {
        await using var session = await WebSession.SignUpAsync(browser, name: "Ada Lovelace");
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "ACT", name = "Active" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/ACT/tasks", token, new { title = "Plan the launch" });
        var page = session.Page;
        await page.GotoAsync("/projects/ACT/activity");
        var feed = page.GetByRole(AriaRole.List, new() { Name = "Activity" });
        await Expect(feed.Locator("li").First).ToContainTextAsync("Ada Lovelace created ACT-1 Plan the launch", new() { Timeout = 15_000 });

        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/ACT-1", token, new { state = "In Progress" });
        await Expect(feed.Locator("li").First).ToContainTextAsync("moved ACT-1 Plan the launch · Moved from Todo to In Progress", new() { Timeout = 15_000 });
        await Expect(feed.Locator("li")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("activity");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }
}
