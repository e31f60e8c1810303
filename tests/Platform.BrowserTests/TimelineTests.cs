using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>The timeline draws the server's critical path and moves a task's start where its bar is dropped.</summary>
public sealed class TimelineTests(BrowserFixture browser)
{
    private static readonly Regex Critical = new(@"\bcritical\b");

    [Fact]
    public async Task The_timeline_shows_the_critical_chain_of_a_hand_checked_project_and_redraws_after_a_drag_a_key_and_a_change_elsewhere()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        // Monday 4 January 2027: A(3) -> B(2) -> D(1), A -> C(4) -> D. A, C and D are critical; B has two days of float.
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "GNT", name = "Launch", startDate = "2027-01-04" });
        foreach (var (title, days) in new[] { ("Design", 3.0), ("Docs", 2.0), ("Build", 4.0), ("Release", 1.0) })
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/GNT/tasks", token,
                new { title, optimisticDays = days, mostLikelyDays = days, pessimisticDays = days });
        }
        foreach (var (successor, predecessor) in new[] { ("GNT-2", "GNT-1"), ("GNT-3", "GNT-1"), ("GNT-4", "GNT-2"), ("GNT-4", "GNT-3") })
        {
            await session.ApiAsync(HttpMethod.Post, $"/api/projects/tasks/{successor}/dependencies", token, new { predecessor });
        }

        var page = session.Page;
        await page.GotoAsync("/projects/GNT/timeline");
        // The first interactive render waits for the circuit, which a loaded 2-core machine can take seconds to open.
        await Expect(page.GetByLabel("Scale")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByText("Wed 13 Jan 2027")).ToBeVisibleAsync();
        foreach (var key in new[] { "GNT-1", "GNT-3", "GNT-4" })
        {
            await Expect(Bar(page, key)).ToHaveClassAsync(Critical);
        }
        await Expect(Bar(page, "GNT-2")).Not.ToHaveClassAsync(Critical);
        await Expect(Bar(page, "GNT-2").Locator(".float")).ToHaveCountAsync(1);
        await Expect(page.Locator(".timeline-chart path.arrow")).ToHaveCountAsync(4);
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await session.ScreenshotAsync("timeline");

        // Docs dragged from Thursday the 7th to Monday the 11th: its float is used up and it joins the critical chain.
        var box = (await Bar(page, "GNT-2").Locator(".shape").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 2 * 24, box.Y + box.Height / 2, new() { Steps = 4 });
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 4 * 24, box.Y + box.Height / 2, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await Expect(Bar(page, "GNT-2")).ToHaveClassAsync(Critical);
        Assert.Equal("2027-01-11", (await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/GNT-2", token)).GetProperty("startDate").GetString());
        await Expect(page.GetByText("Wed 13 Jan 2027")).ToBeVisibleAsync();

        // One more day with the keyboard: now Docs holds the release back a day.
        await Bar(page, "GNT-2").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByText("Thu 14 Jan 2027")).ToBeVisibleAsync();
        await Expect(Bar(page, "GNT-3")).Not.ToHaveClassAsync(Critical);

        // A change from elsewhere (a script, an assistant) redraws the open timeline.
        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/GNT-1", token, new { optimisticDays = 5, mostLikelyDays = 5, pessimisticDays = 5 });
        await Expect(page.GetByText("Fri 15 Jan 2027")).ToBeVisibleAsync();
        await session.ScreenshotAsync("timeline-after-moves");
    }

    [Fact]
    public async Task Projects_chosen_together_share_one_timeline_with_the_dependencies_between_them()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "APP", name = "App", startDate = "2027-01-04" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "OPS", name = "Operations", startDate = "2027-01-04" });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/APP/tasks", token, new { title = "Ship", optimisticDays = 2, mostLikelyDays = 2, pessimisticDays = 2 });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/OPS/tasks", token, new { title = "Announce", optimisticDays = 1, mostLikelyDays = 1, pessimisticDays = 1 });
        await session.ApiAsync(HttpMethod.Post, "/api/projects/tasks/OPS-1/dependencies", token, new { predecessor = "APP-1" });

        var page = session.Page;
        await page.GotoAsync("/projects");
        await Expect(page.GetByLabel("Choose OPS for a combined timeline")).ToBeEnabledAsync();
        await page.GetByLabel("Choose APP for a combined timeline").CheckAsync();
        await page.GetByLabel("Choose OPS for a combined timeline").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Timeline of the chosen projects" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "APP, OPS timeline" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Wed 6 Jan 2027")).ToBeVisibleAsync();
        await Expect(Bar(page, "OPS-1")).ToHaveClassAsync(Critical);
        await Expect(page.Locator(".timeline-chart path.arrow.critical")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("timeline-projects");
    }

    [Fact]
    public async Task A_long_timeline_draws_the_rows_in_view_and_the_next_ones_as_it_scrolls_or_the_keys_go_down()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "LONG", name = "Long", startDate = "2027-01-04" });
        for (var i = 1; i <= 120; i++)
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/LONG/tasks", token,
                new { title = $"Step {i}", optimisticDays = 1, mostLikelyDays = 1, pessimisticDays = 1 });
        }

        var page = session.Page;
        await page.GotoAsync("/projects/LONG/timeline");
        // The first interactive render waits for the circuit, which a loaded 2-core machine can take seconds to open.
        await Expect(page.GetByLabel("Scale")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await Expect(Bar(page, "LONG-1")).ToBeVisibleAsync();
        await Expect(Bar(page, "LONG-120")).ToHaveCountAsync(0);
        Assert.InRange(await page.Locator(".timeline-chart .bar").CountAsync(), 20, 100);

        var timeline = page.Locator(".timeline");
        await timeline.EvaluateAsync("t => t.scrollTop = t.scrollHeight");
        await Expect(Bar(page, "LONG-120")).ToBeVisibleAsync();
        await Expect(Bar(page, "LONG-1")).ToHaveCountAsync(0);
        await Expect(page.Locator(".timeline-names li", new() { HasText = "Step 120" })).ToBeVisibleAsync();
        await Bar(page, "LONG-120").ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("timeline-long");

        // Back at the top, the key goes down past the last drawn row: the next row is drawn and takes the focus.
        await timeline.EvaluateAsync("t => t.scrollTop = 0");
        await Expect(Bar(page, "LONG-1")).ToBeAttachedAsync();
        var last = int.Parse((await page.Locator(".timeline-chart").GetAttributeAsync("data-last"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(last < 119);
        await Bar(page, $"LONG-{last + 1}").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Bar(page, $"LONG-{last + 2}")).ToBeFocusedAsync();
    }

    private static ILocator Bar(IPage page, string key) => page.Locator($".timeline-chart .bar[data-key='{key}']");
}
