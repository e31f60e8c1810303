using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// The analytics service behind the gateway (<c>/api/analytics/...</c>), fed by the projects service's events through
/// the real bus: a project's tasks reach its flow records, a young project's forecast falls back on the tasks' estimates,
/// bad requests are refused with problem details, another organization's project is not found, and the projection
/// rebuilds from the journal.
/// </summary>
public sealed class AnalyticsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Tasks_reach_the_flow_records_and_a_young_project_is_forecast_from_its_estimates()
    {
        var token = await platform.NewOwnerAccessTokenAsync(PlatformFixture.AdministratorScopes);
        var projects = new ProjectsClient(platform, token);
        await projects.CreateProjectAsync("FCST");
        await projects.CreateTaskAsync("FCST", new { title = "Schema", optimisticDays = 1, mostLikelyDays = 2, pessimisticDays = 3 });
        await projects.CreateTaskAsync("FCST", new { title = "Importer", optimisticDays = 2, mostLikelyDays = 4, pessimisticDays = 6, labels = new[] { "import" } });
        await projects.CreateTaskAsync("FCST", new { title = "Spike", state = "Done" });
        using (var started = await projects.SendAsync(HttpMethod.Patch, "/tasks/FCST-1", new { state = "In Progress" }))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var flow = await WaitForAnalyticsAsync(token, "/projects/FCST/flow", f => f.GetProperty("workInProgress").GetArrayLength() == 1);
        var now = flow.GetProperty("cumulativeFlow").EnumerateArray().Last();
        Assert.Equal((1, 1, 1), (now.GetProperty("todo").GetInt32(), now.GetProperty("inProgress").GetInt32(), now.GetProperty("done").GetInt32()));
        Assert.Equal("FCST-1", flow.GetProperty("workInProgress")[0].GetProperty("key").GetString());
        var imports = await GetAsync(token, "/api/analytics/projects/fcst/flow?label=import", HttpStatusCode.OK);
        Assert.Equal(1, imports.GetProperty("cumulativeFlow").EnumerateArray().Last().GetProperty("todo").GetInt32());

        var forecast = await PostAsync(token, "/api/analytics/projects/FCST/forecasts", new { }, HttpStatusCode.OK);
        Assert.Equal("threePoint", forecast.GetProperty("method").GetString());
        Assert.Equal(2, forecast.GetProperty("remaining").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, forecast.GetProperty("id").ValueKind);
        Assert.Contains("too short", forecast.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var invalid = await PostAsync(token, "/api/analytics/projects/FCST/forecasts", new { trials = 5 }, HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("trials", out _));
        var counting = await PostAsync(token, "/api/analytics/projects/FCST/forecasts", new { by = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("throughput", counting.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var calibration = await GetAsync(token, "/api/analytics/projects/FCST/forecasts/calibration", HttpStatusCode.OK);
        Assert.Equal((1, 0), (calibration.GetProperty("made").GetInt32(), calibration.GetProperty("resolved").GetInt32()));

        // An assistant asks the same through the MCP server's forecast tool.
        await using (var assistant = await platform.ConnectMcpAsync(token))
        {
            var told = await McpCalls.CallAsync(assistant, "forecast", new() { ["project"] = "fcst" });
            Assert.Equal(("threePoint", 2), (told.GetProperty("method").GetString(), told.GetProperty("remaining").GetInt32()));
            // The importer waits on the schema (added through the API): both are on the critical chain, and nobody is assigned to the one in progress.
            using (var linked = await projects.SendAsync(HttpMethod.Post, "/tasks/FCST-2/dependencies", new { predecessor = "FCST-1" }))
            {
                Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
            }
            await WaitForAnalyticsAsync(token, "/projects/FCST/risks", r => r.GetProperty("tasks").EnumerateArray()
                .Any(t => t.GetProperty("key").GetString() == "FCST-1" && t.GetProperty("reasons").GetArrayLength() == 2));
            var risks = await McpCalls.CallAsync(assistant, "get_risks", new() { ["project"] = "FCST" });
            var schema = risks.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "FCST-1");
            Assert.Equal(["critical", "unassigned"], schema.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        }

        // Another organization's project is exactly as unknown as one that does not exist.
        var stranger = await platform.NewOwnerAccessTokenAsync();
        var foreign = await GetAsync(stranger, "/api/analytics/projects/FCST/flow", HttpStatusCode.NotFound);
        var missing = await GetAsync(stranger, "/api/analytics/projects/NOPE/flow", HttpStatusCode.NotFound);
        Assert.Equal(foreign.GetProperty("title").GetString(), missing.GetProperty("title").GetString());

        // Rebuilding is for administrators, and gives the same records.
        await PostAsync(stranger, "/api/analytics/projection/rebuild", new { }, HttpStatusCode.Forbidden);
        var rebuilt = await PostAsync(token, "/api/analytics/projection/rebuild", new { }, HttpStatusCode.OK);
        Assert.Equal((1, 3), (rebuilt.GetProperty("projects").GetInt32(), rebuilt.GetProperty("tasks").GetInt32()));
        var again = await GetAsync(token, "/api/analytics/projects/FCST/flow", HttpStatusCode.OK);
        Assert.Equal(flow.GetProperty("cumulativeFlow").GetRawText(), again.GetProperty("cumulativeFlow").GetRawText());
    }

    /// <summary>Reads <paramref name="path"/> straight from the analytics service (sparing the gateway's per-user limit) until <paramref name="done"/> holds.</summary>
    private async Task<JsonElement> WaitForAnalyticsAsync(string token, string path, Func<JsonElement, bool> done)
    {
        JsonElement flow = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await platform.SendAsync(HttpMethod.Get, path, token, via: "analytics");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            flow = await response.JsonAsync();
            return done(flow);
        });
        return flow;
    }

    private async Task<JsonElement> GetAsync(string token, string path, HttpStatusCode expected)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(expected, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonElement> PostAsync(string token, string path, object body, HttpStatusCode expected)
    {
        using var response = await platform.SendAsync(HttpMethod.Post, path, token, body);
        Assert.Equal(expected, response.StatusCode);
        return response.StatusCode == HttpStatusCode.Forbidden ? default : await response.JsonAsync();
    }
}
