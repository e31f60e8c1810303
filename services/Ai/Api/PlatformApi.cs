using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;

namespace Platform.Ai.Api;

/// <summary>
/// The platform's REST APIs as the calling user: every request carries the MCP caller's token (in a tool call, narrowed
/// to the tool's scopes), so tenancy, roles and scopes hold exactly as in the REST API. A refusal becomes an <see cref="McpException"/> carrying the service's
/// own explanation (a tool error the model can read and act on); another organization's ids are simply not found.
/// </summary>
public sealed class PlatformApi(HttpClient http, IHttpContextAccessor context)
{
    public const string Projects = "http://projects";
    public const string Collaboration = "http://collaboration";
    public const string Analytics = "http://analytics";
    public const string Notifications = "http://notifications";
    public const string Files = "http://files";

    public Task<T> GetAsync<T>(string url, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, url, null, cancellationToken);

    public Task<T> PostAsync<T>(string url, object body, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Post, url, body, cancellationToken);

    public Task<T> PatchAsync<T>(string url, object body, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Patch, url, body, cancellationToken);

    /// <summary>The id of the project with <paramref name="key"/> (already checked by <c>ProjectKeys.Normalize</c>); not found as for any read.</summary>
    public async Task<Guid> ProjectIdAsync(string key, CancellationToken cancellationToken) =>
        (await GetAsync<ProjectReference>($"{Projects}/projects/{key}", cancellationToken)).Id;

    private sealed record ProjectReference(Guid Id);

    public async Task DeleteAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Delete, url, null), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string url, object? body, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(method, url, body), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    private HttpRequestMessage Request(HttpMethod method, string url, object? body)
    {
        var token = CallerToken(context.HttpContext!);
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        }
        return request;
    }

    /// <summary>The token a tool call runs with (narrowed to the tool's scopes, <see cref="Tools.ToolSandbox"/>), else the caller's own.</summary>
    public static string CallerToken(HttpContext http) =>
        Tools.ToolSandbox.CallOf(http)?.Token ?? PersonalAccessTokenHandler.BearerToken(http.Request)
            ?? throw new McpException("The request carries no bearer token.");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var problem = await ProblemTextAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new PlatformNotFoundException($"Not found. {problem}".Trim()),
            HttpStatusCode.Forbidden => new PlatformForbiddenException($"Not allowed: the token's scopes or the user's role do not permit this. {problem}".Trim()),
            HttpStatusCode.Unauthorized => new McpException("The token was refused; sign in again."),
            HttpStatusCode.TooManyRequests => new McpException("Too many requests; wait a moment and try again."),
            >= HttpStatusCode.InternalServerError => new HttpRequestException($"The platform answered {(int)response.StatusCode}.", null, response.StatusCode),
            _ => new McpException(problem.Length > 0 ? problem : $"The platform refused the request ({(int)response.StatusCode})."),
        };
    }

    /// <summary>The problem details' title, detail and field errors as one readable line.</summary>
    private static async Task<string> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = problem.RootElement;
            var parts = new List<string>();
            if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                parts.Add(detail.GetString()!);
            }
            else if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                parts.Add(title.GetString()!);
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
            }
            return string.Join(" ", parts);
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

/// <summary>The platform has no such thing for the caller (unknown, or another organization's: the same to them).</summary>
public sealed class PlatformNotFoundException(string message) : McpException(message);

/// <summary>The platform refused the caller: the token's scopes or the user's role do not permit it.</summary>
public sealed class PlatformForbiddenException(string message) : McpException(message);
