using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.IntegrationTests;

/// <summary>The projects API through the gateway as one signed-in user (a new owner of a new organization).</summary>
public sealed class ProjectsClient(PlatformFixture platform, string token)
{
    public static async Task<ProjectsClient> SignUpAsync(PlatformFixture platform) => new(platform, await platform.NewOwnerAccessTokenAsync());

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, params (string Name, string Value)[] headers) =>
        platform.SendAsync(method, "/api/projects" + path, token, body, headers);

    /// <summary>Straight to the projects service, for polling that would eat into the gateway's per-user limit.</summary>
    public async Task<JsonElement> ReadDirectAsync(string path)
    {
        using var client = platform.CreateHttpClient("projects");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Reads <paramref name="path"/> until <paramref name="done"/> holds (automation runs from the event stream, after the request).</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await ReadDirectAsync(path);
            if (done(body) || DateTimeOffset.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async Task<JsonElement> CreateProjectAsync(string key, object? more = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/projects", more ?? new { key, name = key });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public async Task<JsonElement> CreateTaskAsync(string projectKey, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/projects/{projectKey}/tasks", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>The types of the events recorded in the outbox about <paramref name="subject"/>, in order.</summary>
    public async Task<string[]> EventTypesAsync(Guid subject)
    {
        await using var database = NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync("projectsdb", TestContext.Current.CancellationToken))!);
        await using var command = database.CreateCommand("SELECT type FROM outbox_messages WHERE subject = $1 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = subject.ToString() });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var types = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            types.Add(reader.GetString(0));
        }

        return [.. types];
    }
}
