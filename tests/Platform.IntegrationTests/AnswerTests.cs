using System.Net;
using System.Text.Json;
using Platform.Testing;
using static Platform.IntegrationTests.McpCalls;

namespace Platform.IntegrationTests;

/// <summary>
/// Questions answered by an organization's own chat endpoint (a real OpenAI-compatible server the test runs), through
/// the gateway and MCP, with answer ids that the asker rates.
/// </summary>
public sealed class AnswerTests(PlatformFixture platform)
{
    private const string AdminScopes = "openid projects:read projects:write docs:read docs:write org:admin";

    [Fact]
    public async Task An_organizations_own_model_answers_its_questions_and_the_asker_rates_them_by_rest_and_mcp()
    {
        using var model = new ChatModelServer();
        var token = await platform.NewOwnerAccessTokenAsync(AdminScopes);
        await platform.NewProjectAsync(token, "ANS", "Answers");
        using (var task = await platform.SendAsync(HttpMethod.Post, "/projects/ANS/tasks", token,
            new { title = "Rotate the signing keys", description = "The signing keys rotate every ninety days." }, via: "projects"))
        {
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        }

        using (var badEndpoint = await platform.SendAsync(HttpMethod.Put, "/api/ai/settings/models", token, new { localOnly = false, chat = new { endpoint = "ftp://x", model = "m" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEndpoint.StatusCode);
            Assert.True((await badEndpoint.JsonAsync()).GetProperty("errors").TryGetProperty("chat.endpoint", out _));
        }
        using (var saved = await platform.SendAsync(HttpMethod.Put, "/api/ai/settings/models", token,
            new
            {
                localOnly = true,
                chat = new { endpoint = model.Address, model = "team-model", key = "team-key" },
                embeddings = new { endpoint = model.Address, model = "team-embed", key = "embed-key" },
            }))
        {
            var settings = await saved.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.True(settings.GetProperty("chat").GetProperty("hasKey").GetBoolean());
            Assert.False(settings.GetProperty("chat").TryGetProperty("key", out _));
            Assert.True(settings.GetProperty("embeddings").GetProperty("hasKey").GetBoolean());
        }
        var embeddingModel = $"team-embed@{new Uri(model.Address).Authority}";
        using (var models = await platform.SendAsync(HttpMethod.Get, "/api/ai/models", token))
        {
            var described = await models.JsonAsync();
            var chat = described.GetProperty("chat");
            Assert.Equal(("team-model", "organization"), (chat.GetProperty("model").GetString(), chat.GetProperty("provider").GetString()));
            Assert.Equal(embeddingModel, described.GetProperty("embeddings").GetProperty("model").GetString());
        }

        // The organization's passages are embedded again by its own embedding model, in the background.
        var indexState = "";
        await Eventually.TrueAsync(async () =>
        {
            // Asked twice a second: the gateway's rate limit counts these too.
            await Task.Delay(500);
            using var index = await platform.SendAsync(HttpMethod.Get, "/api/ai/search/index", token);
            indexState = $"{(int)index.StatusCode} {await index.Content.ReadAsStringAsync()}";
            var state = index.IsSuccessStatusCode ? await index.JsonAsync() : default;
            return index.IsSuccessStatusCode && state.GetProperty("model").GetString() == embeddingModel
                && state.GetProperty("passages").GetInt32() > 0 && state.GetProperty("waiting").GetInt32() == 0;
        }, () => Task.FromResult(indexState), seconds: 60);

        // Over REST: the answer, its id and sources; each model got the organization's key for it.
        await Eventually.TrueAsync(async () => await SearchHitsAsync(token, "signing") > 0);
        var answer = await AskAsync(token, "How often do the signing keys rotate?");
        Assert.Equal(ChatModelServer.AnswerOf("team-model", "How often do the signing keys rotate?"), answer.GetProperty("text").GetString());
        Assert.Equal("ANS-1", answer.GetProperty("sources")[0].GetProperty("key").GetString());
        Assert.All(model.Requests, request => Assert.Equal(request.Path.EndsWith("/embeddings", StringComparison.Ordinal) ? "Bearer embed-key" : "Bearer team-key", request.Authorization));
        Assert.Contains(model.Requests, request => request.Path.EndsWith("/embeddings", StringComparison.Ordinal));
        var id = answer.GetProperty("id").GetString();
        using (var rated = await platform.SendAsync(HttpMethod.Post, $"/api/ai/answers/{id}/rating", token, new { rating = "up", comment = "Exactly it." }))
        {
            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
            Assert.Equal("up", (await rated.JsonAsync()).GetProperty("value").GetString());
        }
        var stranger = await platform.NewOwnerAccessTokenAsync(AllScopes);
        using (var foreign = await platform.SendAsync(HttpMethod.Post, $"/api/ai/answers/{id}/rating", stranger, new { rating = "down" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        using (var notAdmin = await platform.SendAsync(HttpMethod.Put, "/api/ai/settings/models", stranger, new { localOnly = false, chat = (object?)null }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }

        // Over MCP: answer_question's id is what rate_answer takes.
        await using var client = await platform.ConnectMcpAsync(token);
        var viaMcp = await CallAsync(client, "answer_question", new() { ["question"] = "Who rotates the signing keys?" });
        var rating = await CallAsync(client, "rate_answer", new() { ["answerId"] = viaMcp.GetProperty("id").GetString(), ["rating"] = "down", ["comment"] = "Names nobody." });
        Assert.Equal(("down", "Names nobody."), (rating.GetProperty("value").GetString(), rating.GetProperty("comment").GetString()));
        Assert.Contains("rating", await ToolErrorAsync(client, "rate_answer", new() { ["answerId"] = viaMcp.GetProperty("id").GetString(), ["rating"] = "meh" }), StringComparison.Ordinal);

        // An experiment of instructions: started, one at a time, reported with the ratings, stopped.
        using var started = await platform.SendAsync(HttpMethod.Post, "/api/ai/experiments", token, new { name = "Terse answers", variant = new { instructions = "Answer in one sentence." }, variantShare = 50 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var experiment = (await started.JsonAsync()).GetProperty("id").GetString();
        using (var second = await platform.SendAsync(HttpMethod.Post, "/api/ai/experiments", token, new { name = "Again", variant = new { instructions = "Be long." } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }
        var experimental = await AskAsync(token, "Are the signing keys rotated automatically?");
        await platform.SendAsync(HttpMethod.Post, $"/api/ai/answers/{experimental.GetProperty("id").GetString()}/rating", token, new { rating = "up" });
        using (var report = await platform.SendAsync(HttpMethod.Get, $"/api/ai/experiments/{experiment}", token))
        {
            var figures = (await report.JsonAsync()).GetProperty("figures");
            Assert.Equal(1, figures.GetProperty("control").GetProperty("answers").GetInt32() + figures.GetProperty("variant").GetProperty("answers").GetInt32());
            Assert.Equal(1, figures.GetProperty("control").GetProperty("helpful").GetInt32() + figures.GetProperty("variant").GetProperty("helpful").GetInt32());
        }
        using var stopped = await platform.SendAsync(HttpMethod.Post, $"/api/ai/experiments/{experiment}/stop", token);
        Assert.Equal("stopped", (await stopped.JsonAsync()).GetProperty("outcome").GetString());
    }

    /// <summary>Asked of the AI service itself: waiting for the index leaves the gateway's per-user limit alone.</summary>
    private async Task<int> SearchHitsAsync(string token, string query)
    {
        using var found = await platform.SendAsync(HttpMethod.Get, $"/search?q={query}", token, via: "ai");
        return (await found.JsonAsync()).GetProperty("items").GetArrayLength();
    }

    private async Task<JsonElement> AskAsync(string token, string question)
    {
        using var asked = await platform.SendAsync(HttpMethod.Post, "/api/ai/ask", token, new { question });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        return await asked.JsonAsync();
    }
}
