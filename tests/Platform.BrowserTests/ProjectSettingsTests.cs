using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>A project's settings: its calendar, workflow (with where a removed state's tasks go), members, archiving.</summary>
public sealed class ProjectSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_lead_changes_the_calendar_renames_and_removes_states_moving_their_tasks_changes_roles_and_archives()
    {
        await using var session = await WebSession.SignUpAsync(browser);
        var token = await session.AccessTokenAsync();
        await session.ApiAsync(HttpMethod.Post, "/api/projects/projects", token, new { key = "SET", name = "Settings" });
        foreach (var title in new[] { "One", "Two" })
        {
            await session.ApiAsync(HttpMethod.Post, "/api/projects/projects/SET/tasks", token, new { title, state = "Todo" });
        }

        var page = session.Page;
        await page.GotoAsync("/projects/SET/settings");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save details" })).ToBeEnabledAsync();
        await Expect(page.GetByLabel("Name of state 1")).ToHaveValueAsync("Backlog");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await session.ScreenshotAsync("project-settings");

        // A four-day week with a holiday.
        await page.GetByLabel("Friday").UncheckAsync();
        await page.GetByLabel("Holidays").FillAsync("2027-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByText("Saved: the schedule follows the new calendar.")).ToBeVisibleAsync();
        var project = await session.ApiAsync(HttpMethod.Get, "/api/projects/projects/SET", token);
        Assert.Equal(4, project.GetProperty("workingDays").GetArrayLength());
        Assert.Equal("2027-01-01", project.GetProperty("holidays")[0].GetString());

        // "In Progress" becomes "Doing"; "Todo" goes, and its two tasks with it, to "Doing".
        await page.GetByLabel("Name of state 3").FillAsync("Doing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Todo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save workflow" })).ToBeDisabledAsync();
        await page.GetByLabel("Move the 2 tasks of").SelectOptionAsync("Doing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save workflow" }).ClickAsync();
        await Expect(page.GetByText("Workflow saved.")).ToBeVisibleAsync();
        var states = await session.ApiAsync(HttpMethod.Get, "/api/projects/projects/SET/workflow", token);
        Assert.Equal(["Backlog", "Doing", "In Review", "Done", "Cancelled"], states.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Doing", (await session.ApiAsync(HttpMethod.Get, "/api/projects/tasks/SET-1", token)).GetProperty("state").GetString());

        // The creator leads the project; made a plain member here.
        await page.GetByLabel("Role of Ada Lovelace in the project").SelectOptionAsync("member");
        var role = "lead";
        for (var attempt = 0; attempt < 50 && role != "member"; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            role = (await session.ApiAsync(HttpMethod.Get, "/api/projects/projects/SET/members", token))[0].GetProperty("role").GetString();
        }
        Assert.Equal("member", role);

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive project" }).ClickAsync();
        await Expect(page.GetByText("This project is archived")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save details" })).ToBeDisabledAsync();
        Assert.True((await session.ApiAsync(HttpMethod.Get, "/api/projects/projects/SET", token)).GetProperty("archived").GetBoolean());
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save details" })).ToBeEnabledAsync();
    }
}
