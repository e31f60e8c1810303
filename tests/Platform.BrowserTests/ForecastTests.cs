using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The forecast page: a young project is forecast from its tasks' estimates and says so; once the project has months of
/// history (written into the analytics journal and replayed by a rebuild, as an older project's events would be) it is
/// forecast from its throughput, with the burn-up's fan and the histogram of the simulated futures. Risks show on the
/// board's cards, live, and on the task's page with their reasons.
/// </summary>
public sealed class ForecastTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_young_project_is_forecast_from_estimates_and_one_with_history_from_its_throughput()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync("openid projects:read projects:write org:admin");
        var project = await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "FCAST", name = "Forecasting" });
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (title, days, due) in new[] { ("Import the history", 3.0, (string?)null), ("Fit the model", 5.0, null), ("Show the fan", 2.0, yesterday) })
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/FCAST/tasks", token,
                new { title, optimisticDays = days - 1, mostLikelyDays = days, pessimisticDays = days + 3, dueDate = due });
        }
        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/FCAST-1", token, new { state = "In Progress" });
        await WaitUntilAnalyticsKnowsAsync(token, "FCAST", tasks: 3);

        var page = session.Page;
        await page.GotoAsync("/projects/FCAST/forecast");
        await Expect(page.GetByText("from estimates (short history)")).ToBeVisibleAsync();
        await Expect(page.Locator(".percentile.p85 strong")).Not.ToBeEmptyAsync();
        await Expect(page.Locator(".wip")).ToContainTextAsync("FCAST-1");
        await Expect(page.Locator(".risk-list > li").First).ToContainTextAsync("Overdue: it was due on");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await session.ScreenshotAsync("forecast-from-estimates");

        var me = await session.ApiAsync(HttpMethod.Get, "/api/identity/me", token);
        await WriteHistoryAsync(me.GetProperty("organizationId").GetGuid(), project.GetProperty("id").GetGuid());
        var rebuilt = await session.ApiAsync(HttpMethod.Post, "/api/analytics/projection/rebuild", token, new { });
        Assert.Equal(3 + History.Sum(), rebuilt.GetProperty("tasks").GetInt32());

        await page.ReloadAsync();
        await Expect(page.GetByText("from the team's throughput")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.histogram rect.bar")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("svg.burn-up .forecast.p85")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg.throughput rect.bar")).ToHaveCountAsync(13);
        await page.GetByRole(AriaRole.Button, new() { Name = "Count" }).ClickAsync();
        await Expect(page.Locator(".counts")).ToContainTextAsync("almost surely (P95)");
        await Expect(page.Locator("svg.cumulative-flow polygon.band")).ToHaveCountAsync(4);
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await session.ScreenshotAsync("forecast");

        // One person's work: nobody is assigned yet, so nothing of theirs is in progress.
        await page.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Forecast" }).ClickAsync();
        await Expect(page.GetByText("Nothing is in progress.")).ToBeVisibleAsync();

        // The board marks the overdue task (overdue 40, and nobody assigned 15: high), its reasons on hover.
        await session.OpenBoardAsync("FCAST");
        var risk = page.Locator("[data-task='FCAST-3'] .badge.risk");
        await Expect(risk).ToHaveTextAsync("high risk");
        await Expect(risk).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("Overdue"));
        await Expect(page.Locator("[data-task='FCAST-2'] .badge.risk")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("board-with-risks");

        // A task that becomes overdue while the board is open is marked at once (the analytics service's risk event).
        await session.ApiAsync(HttpMethod.Patch, "/api/projects/tasks/FCAST-2", token, new { dueDate = yesterday });
        await Expect(page.Locator("[data-task='FCAST-2'] .badge.risk")).ToContainTextAsync("risk", new() { Timeout = 30_000 });

        // The task's page says why.
        await page.GotoAsync("/tasks/FCAST-3");
        var reasons = page.GetByRole(AriaRole.Region, new() { Name = "Risk" });
        await Expect(reasons).ToContainTextAsync("high");
        await Expect(reasons.Locator("li").First).ToContainTextAsync("Overdue");
        await session.ScreenshotAsync("task-risk");
    }

    /// <summary>Tasks finished in each of the 14 weeks before this one (the page samples the last 13).</summary>
    private static readonly int[] History = [2, 3, 1, 4, 2, 3, 5, 2, 3, 1, 4, 3, 2, 3];

    /// <summary>Done tasks' creation events, one done in each of the weeks <see cref="History"/> counts, kept in the journal.</summary>
    private async Task WriteHistoryAsync(Guid organization, Guid project)
    {
        await using var database = NpgsqlDataSource.Create((await browser.App.GetConnectionStringAsync("analyticsdb", TestContext.Current.CancellationToken))!);
        var thisWeek = DateTimeOffset.UtcNow.Date;
        var number = 100;
        for (var week = 0; week < History.Length; week++)
        {
            for (var i = 0; i < History[week]; i++)
            {
                var at = new DateTimeOffset(thisWeek.AddDays(-7 * (History.Length - week) + 1 + i), TimeSpan.Zero).AddHours(10);
                var created = new
                {
                    taskId = Guid.NewGuid(), projectId = project, key = $"FCAST-{number}", title = $"Earlier task {number++}",
                    fields = new { stateCategory = "done", state = "Done" }, id = Guid.NewGuid(), organizationId = organization, occurredAt = at,
                };
                await using var insert = database.CreateCommand(
                    "INSERT INTO event_journal (event_id, organization_id, occurred_at, type, data) VALUES ($1, $2, $3, 'platform.task.created', $4::jsonb)");
                insert.Parameters.Add(new NpgsqlParameter { Value = created.id });
                insert.Parameters.Add(new NpgsqlParameter { Value = organization });
                insert.Parameters.Add(new NpgsqlParameter { Value = at });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(created) });
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    private async Task WaitUntilAnalyticsKnowsAsync(string token, string project, int tasks)
    {
        using var http = browser.App.CreateHttpClient("analytics", "http");
        await Platform.Testing.Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/projects/{project}/flow");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            using var flow = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var now = flow.RootElement.GetProperty("cumulativeFlow").EnumerateArray().LastOrDefault();
            return now.ValueKind == JsonValueKind.Object && now.GetProperty("inProgress").GetInt32() == 1
                && now.EnumerateObject().Where(p => p.Name != "date").Sum(p => p.Value.GetInt32()) == tasks;
        });
    }
}
